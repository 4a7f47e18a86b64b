// Runs before the Emscripten glue: points it at the page's canvas and reports load errors.
var Module = typeof Module !== 'undefined' ? Module : {};
Module.canvas = document.getElementById('canvas');
Module.canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
Module.printErr = function (text) { console.error(text); };
Module.onAbort = function (what) {
  var el = document.getElementById('status');
  if (el) { el.textContent = 'Callboard stopped / Callboard 已停止: ' + what; el.style.display = 'block'; }
};
Module.onRuntimeInitialized = function () {
  var el = document.getElementById('status');
  if (el) el.style.display = 'none';
};
