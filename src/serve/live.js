// gloss serve: reloads the page after each rebuild and shows a failed build's errors over
// the last good page. The preview server adds this script and a JSON block (#gloss-live:
// the build the page came from and that build's error, if any) to the HTML it sends; built
// files never contain either.
(function () {
  "use strict";
  var data = document.getElementById("gloss-live");
  var state = data ? JSON.parse(data.textContent) : { build: 0, error: null };
  var build = state.build;
  var error = state.error;
  var BOX = "gloss-build-error";

  function show(text) {
    var box = document.getElementById(BOX);
    if (!box) {
      box = document.createElement("div");
      box.id = BOX;
      box.setAttribute("role", "alert");
      // `all:initial` keeps the site's own styles out of the overlay.
      box.style.cssText =
        "all:initial;position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "padding:2rem;background:#1b1b1b;color:#f5f5f5;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      var title = document.createElement("p");
      title.style.cssText = "all:initial;display:block;margin:0 0 1rem;font:inherit;font-weight:bold;color:#ff8a80";
      title.textContent =
        "gloss: the site failed to build. Fix the error and save: the page reloads by itself. " +
        "Underneath is the last version that built.";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Hide";
      close.style.cssText =
        "float:right;font:inherit;padding:.2rem .8rem;cursor:pointer;" +
        "color:#f5f5f5;background:#2e2e2e;border:1px solid #777;border-radius:3px";
      close.onclick = function () { box.remove(); };
      var pre = document.createElement("pre");
      pre.style.cssText = "all:initial;display:block;margin:0;white-space:pre-wrap;font:inherit;color:inherit";
      box.append(close, title, pre);
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
  }

  if (error) {
    show(error);
  }
  if (!window.EventSource) {
    return;
  }
  var events = new EventSource("/__gloss/events?build=" + build);
  events.onmessage = function (event) {
    if (event.data === "reload") {
      events.close();
      location.reload();
    } else if (event.data.indexOf("error") === 0) {
      show(event.data.slice(6));
    }
  };
})();
