// Default dashboard of the NUCLEO-MEM board: plain JavaScript, no libraries, works offline.
// Talks to the board's WebSocket server (ws://<this host>:8080, or ?ws=PORT) with the firmware's JSON messages.
(function () {
  'use strict';

  var MAX_LOG = 200;
  var $ = function (id) { return document.getElementById(id); };

  function wsUrl() {
    var q = new URLSearchParams(location.search).get('ws');
    var port = /^\d{1,5}$/.test(q || '') && +q > 0 && +q < 65536 ? +q : 8080;
    var host = location.hostname || 'localhost';
    if (host.indexOf(':') >= 0 && host.charAt(0) !== '[') host = '[' + host + ']';
    return (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + host + ':' + port;
  }

  var url = wsUrl();
  var ws = null;
  var attempt = 0;
  var retryTimer = null;
  var countdown = null;
  var autoReconnect = true;
  var packets = 0;
  var leds = { yellow: false, red: false };

  // ---- log ----
  function log(text, kind) {
    var box = $('log');
    var line = document.createElement('div');
    line.className = kind || 'info';
    line.textContent = '[' + new Date().toLocaleTimeString('en-US', { hour12: false }) + '] ' + text;
    var stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
    box.appendChild(line);
    while (box.childElementCount > MAX_LOG) box.removeChild(box.firstElementChild);
    if (stick) box.scrollTop = box.scrollHeight;
  }

  function status(text, kind) {
    var el = $('statusMsg');
    el.textContent = text;
    el.className = kind || '';
  }

  function linkState(state, text) {
    $('link').className = 'link ' + state;
    $('linkText').textContent = text;
    document.body.classList.toggle('live', state === 'connected');
    document.body.classList.toggle('away', state === 'offline');
    var usable = state === 'connected';
    $('btnYellow').disabled = !usable;
    $('btnRed').disabled = !usable;
  }

  // ---- formatting ----
  function num(v, digits) {
    return typeof v === 'number' && isFinite(v) ? v.toFixed(digits) : '--';
  }
  function uptime(s) {
    if (typeof s !== 'number' || !isFinite(s)) return '--';
    s = Math.floor(s);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return h ? h + 'h ' + m + 'm ' + r + 's' : m ? m + 'm ' + r + 's' : r + 's';
  }

  // ---- LEDs: the view follows led-status only ----
  function showLed(name, on) {
    var cap = name === 'yellow' ? 'Yellow' : 'Red';
    leds[name] = on;
    $('lamp' + cap).classList.toggle('lit', on);
    var st = $('state' + cap);
    st.textContent = on ? 'ON' : 'OFF';
    st.classList.toggle('lit', on);
    var btn = $('btn' + cap);
    btn.textContent = on ? 'Turn OFF' : 'Turn ON';
    btn.classList.toggle('on', on);
    $('mini' + cap).className = 'dot' + (on ? ' lit-' + name : '');
    $('mini' + cap + 'Txt').textContent = on ? 'ON' : 'OFF';
  }

  function sendLed(name) {
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    var want = !leds[name];
    ws.send(JSON.stringify({ type: 'led-command', led: name, state: want }));
    log('TX: led-command ' + name + '=' + want, 'tx');
  }

  // ---- messages ----
  function onMessage(ev) {
    if (typeof ev.data !== 'string') return;
    var msg;
    try { msg = JSON.parse(ev.data); } catch (e) { log('RX: not JSON (' + ev.data.length + ' bytes)', 'warning'); return; }
    if (!msg || typeof msg !== 'object') return;
    var d = msg.data || {};
    if (msg.type === 'led-status') {
      showLed('yellow', d.yellowLed === true);
      showLed('red', d.redLed === true);
      log('RX: led-status yellow=' + (d.yellowLed === true) + ' red=' + (d.redLed === true), 'rx');
    } else if (msg.type === 'telemetry') {
      packets++;
      $('tTemp').textContent = num(d.junctionTemp, 1);
      $('tFloat').textContent = num(d.randomFloat, 2);
      $('tInt').textContent = num(d.randomInt, 0);
      $('tUptime').textContent = uptime(d.uptime);
      $('telStatus').textContent = 'Receiving telemetry (' + packets + ' packets) — Uptime: ' + uptime(d.uptime);
    } else {
      console.log('unhandled message', msg);
    }
  }

  // ---- connection ----
  function clearRetry() {
    clearTimeout(retryTimer);
    clearInterval(countdown);
    retryTimer = countdown = null;
    $('retryText').textContent = '';
  }

  function connect() {
    clearRetry();
    if (ws) return;
    linkState('connecting', 'connecting');
    $('offlineText').textContent = 'trying to connect to WebSocket Server…';
    $('btnOffline').textContent = 'start without connecting';
    try {
      ws = new WebSocket(url);
    } catch (e) {
      log('Cannot open ' + url + ': ' + e.message, 'error');
      ws = null;
      scheduleRetry();
      return;
    }
    ws.onopen = function () {
      attempt = 0;
      linkState('connected', 'connected');
      status('Connected to the board', 'success');
      log('Connected to WebSocket server', 'success');
    };
    ws.onmessage = onMessage;
    ws.onerror = function () { $('link').classList.add('error'); };
    ws.onclose = function (ev) {
      var wasOpen = $('link').classList.contains('connected');
      ws = null;
      if (wasOpen) log('Disconnected (code: ' + ev.code + ')', 'warning');
      if (!autoReconnect) return;
      if (wasOpen) linkState('disconnected', 'disconnected');
      else linkState('connecting', 'waiting for board');
      status(wasOpen ? 'Disconnected from the board' : 'No answer from ' + url, 'warning');
      if (ev.code !== 1000) {
        scheduleRetry();
        if (!wasOpen) log('No answer from ' + url + '; retrying in ' + Math.min(3 * attempt, 15) + ' s', 'info');
      }
    };
  }

  function scheduleRetry() {
    attempt++;
    var delay = Math.min(3000 * attempt, 15000);
    var left = delay / 1000;
    $('retryText').textContent = '— retrying in ' + left + ' s';
    countdown = setInterval(function () {
      left--;
      if (left > 0) $('retryText').textContent = '— retrying in ' + left + ' s';
    }, 1000);
    retryTimer = setTimeout(connect, delay);
  }

  function goOffline() {
    autoReconnect = false;
    clearRetry();
    if (ws) ws.close(1000, 'Client disconnect');
    ws = null;
    linkState('offline', 'offline');
    status('Working offline — no live data', 'warning');
    log('Switched to offline mode', 'warning');
    $('btnOffline').textContent = 'connect';
    $('offlineText').textContent = 'Working offline: no live data. Press connect to try again.';
  }

  $('btnOffline').addEventListener('click', function () {
    if (autoReconnect) return goOffline();
    autoReconnect = true;
    attempt = 0;
    connect();
  });
  $('btnYellow').addEventListener('click', function () { sendLed('yellow'); });
  $('btnRed').addEventListener('click', function () { sendLed('red'); });
  $('btnClear').addEventListener('click', function () {
    $('log').innerHTML = '';
    log('Log cleared.', 'info');
  });
  window.addEventListener('pagehide', function () {
    if (ws && ws.readyState === WebSocket.OPEN) ws.close(1000, 'Client disconnect');
  });

  $('wsUrl').textContent = url;
  showLed('yellow', false);
  showLed('red', false);
  connect();
})();
