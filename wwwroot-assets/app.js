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
};
