/* QR codes drawn in the browser by the site's own copy of qrcode-generator (assets/vendor/), loaded on
   first use: no request leaves the site, and the build draws no QR code. zjxnQR(url) -> Promise of an
   SVG element of the code (error correction M), which scales with its box. */
(function () {
  "use strict";
  var loading = null;
  var here = document.currentScript ? document.currentScript.src : location.href;

  function library() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("../vendor/qrcode-generator/qrcode.js", here).href;
        script.onload = function () { resolve(window.qrcode); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  window.zjxnQR = function (url) {
    return library().then(function (qrcode) {
      var code = qrcode(0, "M");
      code.addData(url, "Byte");
      code.make();
      var svg = new DOMParser().parseFromString(code.createSvgTag({ cellSize: 4, margin: 2, scalable: true }),
                                                "image/svg+xml").documentElement;
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", "二维码：" + url);
      return document.importNode(svg, true);
    });
  };
})();
