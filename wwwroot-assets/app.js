// Small browser helpers for the Blazor pages.
window.backOffice = {
  // Starts a file download without leaving the page (the server sends Content-Disposition: attachment).
  download: function (url) {
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    document.body.appendChild(link);
    link.click();
    link.remove();
  },
  // Saves bytes the page made (a report) as a file: a .NET stream reference becomes a blob the browser downloads.
  saveFile: async function (fileName, content) {
    const blob = new Blob([await content.arrayBuffer()], { type: "text/csv" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  },
};
