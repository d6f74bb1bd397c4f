/* QR codes drawn in the browser by the site's own copy of qrcode-generator (assets/vendor/), loaded on
   first use: no request leaves the site, and the build draws no QR code. zjxnQR(url) -> Promise of an
   SVG element of the code (error correction M, a quiet zone of two modules), which scales with its box.
   The modules are worked out in a worker (qr-modules.js), off the page's main thread, where there is one. */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var SVG = "http://www.w3.org/2000/svg";
  var QUIET = 2;
  var worker = null, waiting = {}, asked = 0, inPage = null;

  function script(path) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = new URL(path, here).href;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function inThisPage(url) {  // where no worker can start (a page opened from a file)
    if (!inPage) inPage = Promise.all([script("../vendor/qrcode-generator/qrcode.js"), script("qr-modules.js")]);
    return inPage.then(function () { return window.zjxnQRModules(window.qrcode, url); });
  }

  function inWorker(url) {
    if (worker === null) {
      try {
        worker = new Worker(new URL("qr-modules.js", here).href);
        worker.onmessage = function (event) {
          waiting[event.data.id].resolve(event.data);
          delete waiting[event.data.id];
        };
        worker.onerror = function (event) {  // the worker failed: what it was asked is drawn here instead
          event.preventDefault();
          worker = false;
          Object.keys(waiting).forEach(function (id) { waiting[id].resolve(inThisPage(waiting[id].url)); });
          waiting = {};
        };
      } catch (error) {
        worker = false;
      }
    }
    if (!worker) return inThisPage(url);
    var id = ++asked;
    return new Promise(function (resolve) {
      waiting[id] = { url: url, resolve: resolve };
      worker.postMessage({ id: id, url: url });
    });
  }

  function svg(drawn, url) {
    var side = drawn.size + 2 * QUIET;
    var code = document.createElementNS(SVG, "svg");
    code.setAttribute("viewBox", -QUIET + " " + -QUIET + " " + side + " " + side);
    code.setAttribute("shape-rendering", "crispEdges");
    code.setAttribute("role", "img");
    code.setAttribute("aria-label", "二维码：" + url);
    var ground = document.createElementNS(SVG, "rect");
    [["x", -QUIET], ["y", -QUIET], ["width", side], ["height", side], ["fill", "#fff"]].forEach(function (a) {
      ground.setAttribute(a[0], a[1]);
    });
    var modules = document.createElementNS(SVG, "path");
    modules.setAttribute("d", drawn.path);
    modules.setAttribute("fill", "#000");
    code.append(ground, modules);
    return code;
  }

  window.zjxnQR = function (url) {
    return inWorker(url).then(function (drawn) { return svg(drawn, url); });
  };
})();
