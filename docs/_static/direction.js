// Arabic runs right to left: every block of text gets dir="auto", so the browser sets its direction
// from its first strong character (an Arabic cell, line or quotation runs right to left; English
// text with an Arabic phrase inside stays left to right). Local file: the book makes no request
// off the machine.
document.addEventListener("DOMContentLoaded", () => {
  const blocks = "article p, article li, article td, article th, article h1, article h2, article h3, " +
                 "article blockquote, article dd, article dt, article figcaption, article caption";
  for (const el of document.querySelectorAll(blocks)) {
    if (!el.hasAttribute("dir") && /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/.test(el.textContent)) {
      el.setAttribute("dir", "auto");
    }
  }
});
