/* Print pages: the 打印 button prints (a script file of its own: the CSP allows no onclick attributes). */
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
