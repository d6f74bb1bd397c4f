/* A QR code's dark modules as one SVG path, a run of modules a stroke, for qr.js. Run as a worker it draws off the
   page's main thread ({id, url} in, {id, size, path} out); loaded as a page script it only defines zjxnQRModules. */
(function (scope) {
  "use strict";
  scope.zjxnQRModules = function (qrcode, url) {
    var code = qrcode(0, "M");  // error correction M: a code still reads with a corner smudged
    code.addData(url, "Byte");
    code.make();
    var size = code.getModuleCount(), path = [];
    for (var row = 0; row < size; row++) {
      for (var column = 0; column < size; column++) {
        if (!code.isDark(row, column)) continue;
        var start = column;
        while (column + 1 < size && code.isDark(row, column + 1)) column++;
        var run = column - start + 1;
        path.push("M" + start + " " + row + "h" + run + "v1h-" + run + "z");
      }
    }
    return { size: size, path: path.join("") };
  };
  if (typeof importScripts === "function" && typeof document === "undefined") {  // a worker
    importScripts("../vendor/qrcode-generator/qrcode.js");
    scope.onmessage = function (event) {
      var drawn = scope.zjxnQRModules(scope.qrcode, event.data.url);
      scope.postMessage({ id: event.data.id, size: drawn.size, path: drawn.path });
    };
  }
})(self);
