/* Chat widget for the Rasa Socket.IO channel (bot/channels/webchat.py).
 * Every text is inserted with textContent / text nodes: markup never runs, and a URL in
 * a message stays text. The only links are the « Site » links of the cards the bot sends
 * (https addresses of the knowledge base, actions/answers.py).
 * The conversation (session id + messages) is kept in localStorage so it
 * survives a reload; the server keeps the same tracker via session_persistence. */
(function () {
  "use strict";

  var STORAGE_KEY = "entreprendre-hdf.chat.v1";
  var INIT_PAYLOAD = "/start";
  var FORGET_PAYLOAD = "/forget";
  var MAX_MESSAGES = 200;
  var METADATA = { language: "fr" };

  var root = document.getElementById("chat");
  var log = document.getElementById("chat-log");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var statusEl = document.getElementById("chat-status");
  var resetBtn = document.getElementById("chat-reset");
  var forgetBtn = document.getElementById("chat-forget");
  var state = load();
  var greeted = state.messages.length > 0;
  var typingTimer = null;
  var forgetting = false; // the next bot message confirms the erasure

  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
      if (s && Array.isArray(s.messages)) return s;
    } catch (e) { /* corrupt or unavailable storage: start afresh */ }
    return { sessionId: null, messages: [] };
  }

  function save() {
    state.messages = state.messages.slice(-MAX_MESSAGES);
    try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // A scheme recommended by the bot: its name, one line, « Site » (https only, new tab) and
  // « Être recontacté », which sends the signed payload of its quick reply.
  function renderCard(card, replies) {
    var item = el("li", "card");
    var title = String(card.title || "");
    item.appendChild(el("h3", "card-title", title));
    if (card.text) item.appendChild(el("p", "card-text", String(card.text)));
    var actions = el("div", "card-actions");
    var url = typeof card.url === "string" ? card.url : "";
    if (/^https:\/\/[^\s]+$/.test(url)) {
      var a = el("a", "card-link", String(card.site_label || "Site"));
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(el("span", "sr-only", " — " + title + " (nouvel onglet)"));
      actions.appendChild(a);
    }
    var reply = replies[card.reply];
    if (reply) {
      var b = el("button", "card-contact", reply.title);
      b.type = "button";
      b.appendChild(el("span", "sr-only", " — " + title));
      b.addEventListener("click", function () {
        if (send(reply.title + " — " + title, reply.payload)) input.focus();
      });
      actions.appendChild(b);
    }
    item.appendChild(actions);
    return item;
  }

  function render(msg) {
    var li = el("li", "msg msg-" + (msg.from === "user" ? "user" : "bot"));
    var bubble = el("div", "bubble");
    bubble.appendChild(el("span", "sr-only", msg.from === "user" ? "Vous : " : "Assistant : "));
    bubble.appendChild(document.createTextNode([msg.text, msg.link].filter(Boolean).join(" ")));
    li.appendChild(bubble);
    if (msg.cards && msg.cards.length) {
      bubble.appendChild(document.createTextNode("Dispositifs recommandés :"));
      var cards = el("ul", "cards");
      cards.setAttribute("aria-label", "Dispositifs recommandés");
      msg.cards.forEach(function (c) { cards.appendChild(renderCard(c, msg.replies || [])); });
      li.appendChild(cards);
    } else if (msg.replies && msg.replies.length && !msg.answered) {
      var group = el("div", "replies");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Réponses suggérées");
      msg.replies.forEach(function (r) {
        var b = el("button", "reply", r.title);
        b.type = "button";
        b.addEventListener("click", function () {
          if (send(r.title, r.payload)) input.focus();
        });
        group.appendChild(b);
      });
      li.appendChild(group);
    }
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function add(msg) {
    state.messages.push(msg);
    save();
    render(msg);
  }

  function setStatus(text) { statusEl.textContent = text; }

  function setTyping(on) {
    clearTimeout(typingTimer);
    root.classList.toggle("is-waiting", on);
    if (on) typingTimer = setTimeout(function () { setTyping(false); }, 15000);
  }

  function ready() { return socket.connected && state.sessionId; }

  function emit(message) {
    socket.emit("user_uttered", { message: message, session_id: state.sessionId, customData: METADATA });
    setTyping(true);
  }

  // Shows `text` as the user's bubble and sends `payload` (default: the text).
  function send(text, payload) {
    if (!ready()) { setStatus("Connexion à l'assistant en cours, réessayez dans un instant."); return false; }
    state.messages.forEach(function (m) { m.answered = true; });
    Array.prototype.forEach.call(log.querySelectorAll(".replies"), function (g) { g.remove(); });
    add({ from: "user", text: text });
    emit(payload || text);
    return true;
  }

  function greet() {
    if (greeted || !ready()) return;
    greeted = true;
    emit(INIT_PAYLOAD);
  }

  state.messages.forEach(render);

  var socket = window.io({
    path: root.getAttribute("data-socket-path") || "/socket.io",
    transports: (root.getAttribute("data-transports") || "polling,websocket").split(",")
  });

  socket.on("connect", function () {
    setStatus("");
    socket.emit("session_request", { session_id: state.sessionId });
  });
  socket.on("session_confirm", function (data) {
    state.sessionId = (data && typeof data === "object") ? data.session_id : data;
    save();
    greet();
  });
  // The server did not recognise this socket's session (e.g. it was replaced): ask again.
  socket.on("session_refused", function () {
    setTyping(false);
    socket.emit("session_request", { session_id: state.sessionId });
    setStatus("Session renouvelée : renvoyez votre message, s'il vous plaît.");
  });
  socket.on("connect_error", function () { setStatus("Assistant injoignable, nouvelle tentative…"); });
  socket.on("disconnect", function () { setStatus("Connexion perdue, nouvelle tentative…"); });

  socket.on("bot_uttered", function (m) {
    if (!m || typeof m !== "object") return;
    setTyping(false);
    var replies = (m.quick_replies || m.buttons || [])
      .filter(function (b) { return b && b.title; })
      .map(function (b) { return { title: String(b.title), payload: String(b.payload || b.title) }; });
    var att = m.attachment && m.attachment.payload;
    var link = att && typeof att.src === "string" ? att.src : "";
    var text = typeof m.text === "string" ? m.text : "";
    var cards = Array.isArray(m.cards) ? m.cards.filter(function (c) { return c && c.title; }) : [];
    if (forgetting) {
      if (!text || cards.length) return; // the rest of an earlier answer (cards): erased anyway
      // The erasure is confirmed: show it, keep nothing, and start a new session.
      forgetting = false;
      render({ from: "bot", text: text });
      socket.emit("session_request", { session_id: null });
      return;
    }
    if (cards.length) add({ from: "bot", text: "", cards: cards, replies: replies });
    else if (text || link || replies.length) add({ from: "bot", text: text, link: link, replies: replies });
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (text && send(text)) input.value = "";
  });

  // « Effacer mes données »: the server erases the conversation, the browser its copy.
  forgetBtn.addEventListener("click", function () {
    if (!ready()) { setStatus("Connexion à l'assistant en cours, réessayez dans un instant."); return; }
    forgetting = true;
    emit(FORGET_PAYLOAD);
    state = { sessionId: null, messages: [] };
    save();
    log.textContent = "";
    greeted = true; // no new greeting after an erasure
    input.focus();
  });

  resetBtn.addEventListener("click", function () {
    state = { sessionId: null, messages: [] };
    save();
    log.textContent = "";
    greeted = false;
    setTyping(false);
    socket.disconnect().connect(); // leave the old session's room
    input.focus();
  });
})();
