/* BudgetQA widget (issue #5). Plain JavaScript, no build step.
 *
 * Two modes in one file:
 *  - on any page, <script src="https://HOST/widget.js"></script> adds a floating
 *    chat button that opens an iframe of HOST/widget. Optional attributes on the
 *    script tag: data-doc (a doc_id to ask about), data-title (header text),
 *    data-label (button text), data-position ("left" or "right").
 *  - inside HOST/widget (<html data-budgetqa="widget">) it runs the chat itself.
 *
 * Everything that comes from documents or users is put into the page with
 * textContent or attribute setters, never innerHTML.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = String(value);
        else if (key === "className") node.className = value;
        else if (key === "onclick") node.addEventListener("click", value);
        else node.setAttribute(key, String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* ------------------------------------------------------------ launcher */

  function runLauncher() {
    if (window.__budgetqaLauncher) return; // the snippet pasted twice
    window.__budgetqaLauncher = true;
    var src = SCRIPT && SCRIPT.src ? SCRIPT.src : "";
    if (!src) return;
    var base = new URL(".", src);
    var widgetUrl = new URL("widget", base);
    var doc = SCRIPT.getAttribute("data-doc");
    var title = SCRIPT.getAttribute("data-title");
    if (doc) widgetUrl.searchParams.set("doc", doc);
    if (title) widgetUrl.searchParams.set("title", title);
    var side = SCRIPT.getAttribute("data-position") === "left" ? "left" : "right";
    var label = SCRIPT.getAttribute("data-label") || "预算问答";

    var button = el("button", {
      type: "button", id: "budgetqa-launcher", "aria-expanded": "false",
      "aria-controls": "budgetqa-panel", title: "打开预算问答"
    }, [label]);
    var s = button.style;
    s.position = "fixed"; s.bottom = "20px"; s[side] = "20px"; s.zIndex = "2147483646";
    s.padding = "12px 18px"; s.border = "0"; s.borderRadius = "999px"; s.cursor = "pointer";
    s.background = "#b91c1c"; s.color = "#fff"; s.fontSize = "15px"; s.lineHeight = "1";
    s.fontFamily = "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif";
    s.boxShadow = "0 4px 14px rgba(0,0,0,.25)";

    var panel = null;
    function openPanel() {
      if (!panel) {
        panel = el("div", { id: "budgetqa-panel", role: "dialog", "aria-label": label });
        var p = panel.style;
        p.position = "fixed"; p.bottom = "78px"; p[side] = "20px"; p.zIndex = "2147483647";
        p.width = "min(400px, calc(100vw - 24px))"; p.height = "min(640px, calc(100vh - 100px))";
        p.borderRadius = "12px"; p.overflow = "hidden"; p.boxShadow = "0 10px 30px rgba(0,0,0,.3)";
        p.background = "#fff";
        var frame = el("iframe", { src: widgetUrl.toString(), title: label, id: "budgetqa-frame" });
        var f = frame.style;
        f.width = "100%"; f.height = "100%"; f.border = "0"; f.display = "block";
        panel.appendChild(frame);
        document.body.appendChild(panel);
        window.addEventListener("message", function (event) {
          if (event.source === frame.contentWindow && event.data && event.data.type === "budgetqa:close") {
            closePanel();
            button.focus();
          }
        });
      }
      panel.style.display = "block";
      button.setAttribute("aria-expanded", "true");
    }
    function closePanel() {
      if (panel) panel.style.display = "none";
      button.setAttribute("aria-expanded", "false");
    }
    button.addEventListener("click", function () {
      if (panel && panel.style.display !== "none") closePanel(); else openPanel();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel && panel.style.display !== "none") closePanel();
    });

    function mount() { document.body.appendChild(button); }
    if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
  }

  /* ------------------------------------------------------------ the chat */

  var EXAMPLES = ["三公经费多少", "一般公共预算支出多少", "基本支出占多少", "公务用车有几辆"];

  function formatValue(value, unit) {
    if (typeof value !== "number" || !isFinite(value)) return "";
    var money = /元$/.test(unit || "") || unit === "%";
    if (!money && Math.round(value) === value) return value.toLocaleString("zh-CN");
    // keep the document's precision (582.024), never round a cited figure away
    return value.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 6 });
  }

  function chipText(c) {
    var parts = ["第" + c.page + "页"];
    if (c.kind === "table") {
      if (c.table) parts.push(String(c.table).replace(/^\d{4}年度?/, ""));
      // the column's last header level is enough on a chip: 合计/公务接待费, not the whole header path
      var column = c.column ? String(c.column).split("/").pop() : "";
      var rc = [c.row, column].filter(function (x) { return x; }).join("/");
      if (rc) parts.push(rc);
    } else {
      parts.push("正文");
    }
    return parts.join(" · ");
  }

  function runWidget() {
    var params = new URLSearchParams(location.search);
    var state = { doc: params.get("doc") || "", context: null, busy: false, docs: [] };
    var log = document.getElementById("log");
    var form = document.getElementById("ask");
    var input = document.getElementById("q");
    var send = document.getElementById("send");
    var viewer = document.getElementById("viewer");
    var viewerScroll = document.getElementById("viewer-scroll");

    if (params.get("title")) document.getElementById("title").textContent = params.get("title");
    if (window.parent !== window) {
      var closeButton = document.getElementById("close");
      closeButton.hidden = false;
      closeButton.addEventListener("click", function () {
        window.parent.postMessage({ type: "budgetqa:close" }, "*");
      });
    }

    function scrollDown() { log.scrollTop = log.scrollHeight; }

    function addMessage(who, children, extraClass) {
      var node = el("div", { className: "msg " + who + (extraClass ? " " + extraClass : "") }, children);
      log.appendChild(node);
      scrollDown();
      return node;
    }

    function suggestionBlock(hint, questions) {
      if (!questions || !questions.length) return null;
      var box = el("div", { className: "sugs" }, [hint ? el("div", { className: "hint", text: hint }) : null]);
      questions.forEach(function (q) {
        box.appendChild(el("button", { type: "button", className: "sug", text: q, onclick: function () { ask(q); } }));
      });
      return box;
    }

    function citationChip(c, caption) {
      return el("button", {
        type: "button", className: "chip", text: chipText(c), title: "查看原文第" + c.page + "页",
        onclick: function () { showPage(c, caption); }
      });
    }

    function welcome() {
      addMessage("bot", [
        el("div", { text: "您好！我可以回答部门预算、决算公开文件里的问题，每个数字都注明出处页码。" }),
        suggestionBlock("可以这样问：", EXAMPLES)
      ]);
    }

    function renderAnswer(data) {
      var parts = [];
      if (data.status === "not_found") parts.push(el("span", { className: "status", text: "未找到" }));
      if (data.status === "ambiguous") parts.push(el("span", { className: "status", text: "需要确认" }));
      if (data.status === "answered" && typeof data.value === "number") {
        parts.push(el("div", { className: "figure" }, [
          formatValue(data.value, data.unit), el("span", { className: "unit", text: data.unit || "" })
        ]));
      }
      parts.push(el("div", { className: "sentence", text: data.answer || "" }));
      if (data.formula) parts.push(el("div", { className: "formula", text: "计算：" + data.formula }));
      if (data.items && data.items.length) {
        var list = el("ul", { className: "items" });
        data.items.forEach(function (item) {
          var value = typeof item.value === "number" ? formatValue(item.value, item.unit) + (item.unit || "") : "";
          list.appendChild(el("li", null, [
            el("span", { className: "label", text: item.label }),
            el("span", { className: "val", text: value }),
            item.citation ? citationChip(item.citation, item.label) : null
          ]));
        });
        parts.push(list);
      }
      if (data.citations && data.citations.length) {
        var cites = el("div", { className: "cites" });
        data.citations.forEach(function (c) { cites.appendChild(citationChip(c, data.answer)); });
        parts.push(cites);
      }
      parts.push(suggestionBlock("您是指：", data.options));
      parts.push(suggestionBlock(data.status === "answered" ? "" : "可以试试：", data.suggestions));
      return parts;
    }

    function setBusy(busy) {
      state.busy = busy;
      send.disabled = busy;
    }

    function ask(question) {
      question = (question || "").trim();
      if (!question || state.busy) return;
      addMessage("user", [question]);
      var pending = addMessage("bot", ["正在查找…"], "pending");
      setBusy(true);
      var body = { question: question };
      if (state.doc) body.doc = state.doc;
      if (state.context) body.context = state.context;
      fetch("ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { ok: response.ok, data: data };
        });
      }).then(function (result) {
        pending.remove();
        if (!result.ok) {
          addMessage("bot", [result.data.detail || "出错了，请稍后再试。"], "error");
          return;
        }
        var data = result.data;
        if (data.context && Object.keys(data.context).length) state.context = data.context;
        addMessage("bot", renderAnswer(data));
      }).catch(function () {
        pending.remove();
        addMessage("bot", ["网络错误，请检查连接后再试。"], "error");
      }).then(function () {
        setBusy(false);
        input.focus();
      });
    }

    function showPage(c, caption) {
      var url = "documents/" + encodeURIComponent(c.doc_id) + "/pages/" + encodeURIComponent(c.page) + ".png";
      if (c.bbox && c.bbox.length === 4) url += "?box=" + c.bbox.map(Number).join(",");
      document.getElementById("viewer-title").textContent = (c.doc_title ? c.doc_title + " · " : "") + chipText(c);
      document.getElementById("viewer-quote").textContent = "原文：" + (c.quote || caption || "");
      var pdf = document.getElementById("viewer-pdf");
      pdf.setAttribute("href", "documents/" + encodeURIComponent(c.doc_id) + "/file#page=" + Number(c.page));
      while (viewerScroll.firstChild) viewerScroll.removeChild(viewerScroll.firstChild);
      var loading = el("div", { className: "loading", text: "正在加载第" + c.page + "页…" });
      var img = el("img", { alt: "原文第" + c.page + "页（已高亮引用位置）", id: "page-image" });
      // In a narrow frame a whole page is too small to read: start zoomed in on the cited box.
      img.style.width = viewerScroll.clientWidth < 600 ? "200%" : "100%";
      img.addEventListener("load", function () {
        loading.remove();
        if (c.bbox && c.bbox.length === 4) { // bring the highlighted box into view
          var ratio = img.clientWidth / img.naturalWidth * 1.5; // the server renders 1.5 px per point
          var cx = (c.bbox[0] + c.bbox[2]) / 2 * ratio, cy = (c.bbox[1] + c.bbox[3]) / 2 * ratio;
          viewerScroll.scrollLeft = Math.max(0, cx - viewerScroll.clientWidth / 2);
          viewerScroll.scrollTop = Math.max(0, cy - viewerScroll.clientHeight / 3);
        }
      });
      img.addEventListener("error", function () { loading.textContent = "页面图片加载失败。"; });
      img.addEventListener("click", function () { // tap to zoom in and out
        img.style.width = img.style.width === "200%" ? "100%" : "200%";
      });
      img.setAttribute("title", "点击放大/缩小");
      viewerScroll.appendChild(loading);
      viewerScroll.appendChild(img);
      img.setAttribute("src", url);
      viewer.hidden = false;
      document.getElementById("viewer-close").focus();
    }

    function closeViewer() { viewer.hidden = true; input.focus(); }

    document.getElementById("viewer-close").addEventListener("click", closeViewer);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !viewer.hidden) closeViewer();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = input.value;
      input.value = "";
      ask(q);
    });
    document.getElementById("reset").addEventListener("click", function () {
      state.context = null;
      while (log.firstChild) log.removeChild(log.firstChild);
      welcome();
      input.focus();
    });

    function loadDocuments() {
      fetch("documents").then(function (r) { return r.ok ? r.json() : { documents: [] }; }).then(function (data) {
        var docs = data.documents || [];
        state.docs = docs;
        if (docs.length < 2 || params.get("doc")) return; // one document, or pinned by the page
        var select = document.getElementById("doc");
        select.appendChild(el("option", { value: "", text: "全部文档" }));
        docs.forEach(function (d) {
          var name = d.title || d.file_name || d.doc_id;
          select.appendChild(el("option", { value: d.doc_id, text: name }));
        });
        select.addEventListener("change", function () {
          state.doc = select.value;
          state.context = null; // a new document starts a new conversation
        });
        document.getElementById("doc-bar").hidden = false;
      }).catch(function () { /* the chat still works without the list */ });
    }

    fetch("health").then(function (r) { return r.json(); }).then(function (h) {
      if (h && h.max_question_chars) input.setAttribute("maxlength", String(h.max_question_chars));
    }).catch(function () {});

    welcome();
    loadDocuments();
    input.focus();
  }

  if (document.documentElement.getAttribute("data-budgetqa") === "widget") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", runWidget);
    else runWidget();
  } else {
    runLauncher();
  }
})();
