// The script the harness page loads before main.js (by nonce, like the real webview): a fake
// acquireVsCodeApi that records what the webview posts, traps that a payload can call, a log of CSP
// violations, and (with ?manualFrames) requestAnimationFrame driven by the test.
export const FAKE_VSCODE_JS = String.raw`(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  window.__posted = [];
  window.__pwned = [];
  window.__cspViolations = [];
  window.pwn = function (x) { window.__pwned.push(String(x)); };
  window.alert = function (x) { window.__pwned.push('alert:' + String(x)); };
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
  });
  var state = null;
  try { state = JSON.parse(sessionStorage.getItem('__vscodeState') || 'null'); } catch (e) { state = null; }
  var acquired = false;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('acquireVsCodeApi may be called only once');
    acquired = true;
    return Object.freeze({
      postMessage: function (m) { window.__posted.push(JSON.parse(JSON.stringify(m))); },
      getState: function () { return state; },
      setState: function (s) { state = s; sessionStorage.setItem('__vscodeState', JSON.stringify(s)); return s; },
    });
  };
  // Counts real frames, for the batching test.
  window.__frames = 0;
  var realRaf = window.requestAnimationFrame.bind(window);
  (function tick() { realRaf(function () { window.__frames++; tick(); }); })();
  if (params.has('manualFrames')) {
    var queue = [];
    window.requestAnimationFrame = function (cb) { queue.push(cb); return queue.length; };
    /** Runs queued frame callbacks until none are left; returns how many frames ran. */
    window.__runFrames = function () {
      var frames = 0;
      while (queue.length) {
        if (++frames > 1000) throw new Error('frames keep scheduling frames');
        var batch = queue; queue = [];
        var now = performance.now();
        for (var i = 0; i < batch.length; i++) batch[i](now);
      }
      return frames;
    };
  }
})();
`;
