/* An entry page's tools: copy its link or its citation, show a QR code for WeChat, print it.
   The page's public address comes from the build (data-url); a preview without one uses the address
   in the browser, without query or fragment. The citation's date is today's, in China Standard Time. */
(function () {
  "use strict";
  var tools = document.querySelector("[data-zjxn-share]");
  if (!tools) return;
  var status = tools.querySelector("[data-zjxn-share-status]");
  var address = tools.getAttribute("data-url") || location.origin + location.pathname;
  var citation = document.querySelector("[data-zjxn-citation]");

  function say(text) {
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);  // re-announced when repeated
  }

  function copy(text, done) {
    var fallback = function () {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      area.remove();
      say(ok ? done : "无法自动复制，请长按选择文字后复制。");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(done); }, fallback);
    } else {
      fallback();
    }
  }

  function today() {
    var china = new Date(Date.now() + 8 * 3600 * 1000);
    return china.toISOString().slice(0, 10);
  }

  if (citation) {
    citation.querySelector("[data-zjxn-today]").textContent = today();
    var url = citation.querySelector("[data-zjxn-url]");
    if (!url.textContent) url.textContent = address;
    var copyCitation = document.querySelector("[data-zjxn-copy-citation]");
    copyCitation.hidden = false;
    copyCitation.addEventListener("click", function () {
      copy(citation.textContent.replace(/\s+/g, " ").trim(), "引用已复制。");
    });
  }

  var copyLink = tools.querySelector("[data-zjxn-copy-link]");
  copyLink.hidden = false;
  copyLink.addEventListener("click", function () { copy(address, "链接已复制，可以粘贴到微信或其他应用。"); });

  var qrButton = tools.querySelector("[data-zjxn-qr]");
  var panel = document.getElementById(qrButton.getAttribute("aria-controls"));
  var drawn = false;
  if (window.zjxnQR) {
    qrButton.hidden = false;
    qrButton.addEventListener("click", function () {
      var open = qrButton.getAttribute("aria-expanded") !== "true";
      qrButton.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
      if (open && !drawn) {
        drawn = true;
        window.zjxnQR(address).then(function (svg) {
          panel.querySelector("[data-zjxn-qr-code]").appendChild(svg);
        }, function () {
          drawn = false;
          say("二维码没有生成，请刷新页面再试。");
        });
      }
    });
  }

  var printButton = tools.querySelector("[data-zjxn-print]");
  printButton.hidden = false;
  printButton.addEventListener("click", function () { window.print(); });
})();
