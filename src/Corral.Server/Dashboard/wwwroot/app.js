// Corral's dashboard: one page, no framework, no build step. State comes from the event stream (a snapshot, then
// every change); counts and usage are refreshed by a listing every few seconds while the page is visible. Every
// value is put into the page as text, never as HTML.

const EVENT_KINDS = ["launched", "adopted", "ready", "failed", "exited", "backoff", "restarted", "stopped", "scaled", "unhealthy", "healthy", "reloaded"];
const REFRESH_MS = 5000;
const MAX_EVENTS = 500;
const MAX_LOG_LINES = 5000;

const state = { bots: new Map(), types: [], health: null, events: [], stream: null, follow: null };
const $ = (id) => document.getElementById(id);

// --- talking to the daemon ----------------------------------------------------------------------------------------

class ApiError extends Error {}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: "same-origin", ...options });
  if (response.status === 401) {
    showLogin();
    throw new ApiError("This daemon needs its token.");
  }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = [problem.title, problem.detail].filter(Boolean).join(": ") || detail;
    } catch { /* not problem details */ }
    throw new ApiError(detail);
  }
  return response.status === 204 ? null : response.headers.get("content-type")?.includes("json") ? response.json() : response.text();
}

const post = (path, body) => api(path, {
  method: "POST",
  headers: body === undefined ? {} : { "Content-Type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
});

function showError(error) {
  $("error-text").textContent = error instanceof Error ? error.message : String(error);
  $("error").hidden = false;
}

// --- start, login, live stream --------------------------------------------------------------------------------------

async function start() {
  state.health = await api("/healthz");
  document.body.classList.toggle("read-only", state.health.read_only);
  $("mode").hidden = !state.health.read_only;
  $("logout").hidden = !state.health.token_required;
  document.querySelectorAll(".action").forEach((e) => { e.hidden = state.health.read_only; });
  try {
    state.types = (await api("/v1/types")).types;
  } catch (error) {
    if (error instanceof ApiError && !$("login-dialog").open) showError(error);
    return;
  }
  fillTypeFilters();
  connect();
  route();
}

function showLogin() {
  const dialog = $("login-dialog");
  if (!dialog.open) dialog.showModal();
}

async function logIn(event) {
  event.preventDefault();
  $("login-error").hidden = true;
  const response = await fetch("/v1/session", {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: $("login-token").value }),
  });
  if (response.ok) {
    $("login-dialog").close();
    $("login-token").value = "";
    await start();
  } else {
    $("login-error").textContent = response.status === 401 ? "Wrong token." : `Login failed (${response.status}).`;
    $("login-error").hidden = false;
  }
}

function connect() {
  state.stream?.close();
  const stream = new EventSource("/v1/events");
  state.stream = stream;
  stream.onopen = () => setConnection(true);
  stream.onerror = () => setConnection(false); // EventSource reconnects by itself, with Last-Event-ID
  stream.addEventListener("snapshot", (e) => {
    const list = JSON.parse(e.data);
    state.bots = new Map(list.bots.map((b) => [b.bot_name, b]));
    renderBots();
  });
  for (const kind of EVENT_KINDS) stream.addEventListener(kind, (e) => onEvent(JSON.parse(e.data)));
}

function setConnection(live) {
  $("connection").textContent = live ? "live" : "reconnecting…";
  $("connection").classList.toggle("live", live);
}

async function onEvent(event) {
  state.events.unshift(event);
  state.events.length = Math.min(state.events.length, MAX_EVENTS);
  renderEvents();
  if (!event.bot_name) {
    await refresh(); // the daemon's own event (a reload): the listing says what it changed
    return;
  }
  try {
    state.bots.set(event.bot_name, await api(`/v1/bots/${encodeURIComponent(event.bot_name)}`));
  } catch {
    state.bots.delete(event.bot_name); // stopped: the daemon forgot it
  }
  renderBots();
  if (currentBot() === event.bot_name) renderBotRecord();
}

async function refresh() {
  if (document.hidden || !state.stream) return;
  try {
    const list = await api("/v1/bots/");
    state.bots = new Map(list.bots.map((b) => [b.bot_name, b]));
    renderBots();
  } catch { /* the stream's state stays; the next refresh tries again */ }
}

// --- views --------------------------------------------------------------------------------------------------------

function route() {
  const hash = location.hash || "#/";
  const bot = hash.startsWith("#/bot/") ? decodeURIComponent(hash.slice(6)) : null;
  const view = bot ? "bot" : hash === "#/logs" ? "logs" : hash === "#/events" ? "events" : "bots";
  for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== `view-${view}`;
  document.querySelectorAll("header nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === view));
  state.follow?.abort();
  state.follow = null;
  if (view === "bot") openBot(bot);
  if (view === "logs") followMerged();
  if (view === "events") renderEvents();
  if (view === "bots") renderBots();
}

const currentBot = () => (location.hash.startsWith("#/bot/") ? decodeURIComponent(location.hash.slice(6)) : null);

function fillTypeFilters() {
  const filter = $("filter-type");
  const launch = $("launch-type");
  filter.replaceChildren(new Option("every type", ""), ...state.types.map((t) => new Option(t.name, t.name)));
  launch.replaceChildren(...state.types.map((t) => new Option(t.name, t.name)));
}

function renderBots() {
  const search = $("filter-search").value.trim().toLowerCase();
  const status = $("filter-status").value;
  const type = $("filter-type").value;
  const rows = [...state.bots.values()]
    .filter((b) => (!search || b.bot_name.toLowerCase().includes(search)) && (!status || b.status === status) && (!type || b.bot_type === type))
    .sort((a, b) => a.bot_name.localeCompare(b.bot_name))
    .map(botRow);
  $("bots-table").tBodies[0].replaceChildren(...rows);
  $("bots-empty").hidden = state.bots.size > 0;
  const logsBot = $("logs-bot");
  const chosen = logsBot.value;
  logsBot.replaceChildren(new Option("every bot", ""), ...[...state.bots.keys()].sort().map((n) => new Option(n, n)));
  logsBot.value = chosen;
}

function botRow(bot) {
  const tr = document.createElement("tr");
  tr.dataset.name = bot.bot_name;
  const name = link(`#/bot/${encodeURIComponent(bot.bot_name)}`, bot.bot_name);
  const ports = document.createElement("span");
  for (const port of bot.ports ?? []) {
    const a = link(`http://127.0.0.1:${port}/`, String(port));
    a.target = "_blank";
    a.rel = "noopener";
    ports.append(a, " ");
  }
  const nodes = [...new Set((bot.tasks ?? []).map((t) => t.node).filter(Boolean))];
  const processes = bot.tasks ? `${bot.tasks.length} tasks on ${nodes.join(", ") || "?"}` : bot.pid ? String(bot.child_processes + 1) : "0";
  const status = document.createElement("span");
  status.append(badge(bot.status));
  if (bot.health && bot.health !== "unknown") status.append(" ", badge(bot.health));
  const cells = [
    name, bot.bot_type, state.health?.strategy ?? "", status, bot.pid ?? "", processes, ports,
    uptime(bot), String(bot.restarts), bot.exit_code ?? "", `${bot.cpu_seconds.toFixed(2)} s`, bytes(bot.memory_bytes), actions(bot),
  ];
  cells.forEach((cell, i) => {
    const td = document.createElement("td");
    td.append(cell instanceof Node ? cell : document.createTextNode(String(cell)));
    if ([4, 5, 8, 9, 10, 11].includes(i)) td.className = "num";
    if (i === 12) td.className = "action";
    tr.append(td);
  });
  tr.children[12].hidden = state.health?.read_only;
  return tr;
}

function actions(bot) {
  const span = document.createElement("span");
  span.append(
    button("Stop", "stop", () => stopBot(bot.bot_name)),
    " ",
    button("Restart", "restart", () => confirmThen(`Restart ${bot.bot_name}?`, () => post(`/v1/launcher/restart/${encodeURIComponent(bot.bot_name)}`))),
  );
  if (bot.tasks) {
    span.append(" ", button("Scale", "scale", () => scaleBot(bot)));
  }
  return span;
}

async function stopBot(name) {
  await confirmThen(`Stop ${name} and every process it started?`, async () => {
    const report = await post(`/v1/launcher/stop/${encodeURIComponent(name)}`);
    sessionStorage.setItem(`stop:${name}`, JSON.stringify(report));
    if (currentBot() === name) renderStopReport(name);
  });
}

async function scaleBot(bot) {
  const answer = prompt(`Replicas for ${bot.bot_name}:`, String(bot.tasks.length));
  if (answer === null) return;
  await confirmThen(`Scale ${bot.bot_name} to ${answer} replicas?`, () => post(`/v1/launcher/scale/${encodeURIComponent(bot.bot_name)}`, { replicas: Number(answer) }));
}

function confirmThen(text, action, onError = showError) {
  const dialog = $("confirm-dialog");
  $("confirm-text").textContent = text;
  return new Promise((resolve) => {
    dialog.addEventListener("close", async () => {
      if (dialog.returnValue === "ok") {
        try {
          await action();
        } catch (error) {
          onError(error);
        }
      }
      resolve();
    }, { once: true });
    dialog.showModal();
  });
}

// --- one bot --------------------------------------------------------------------------------------------------------

async function openBot(name) {
  $("bot-title").textContent = name;
  $("log-lines").replaceChildren();
  $("log-download").href = `/v1/bots/${encodeURIComponent(name)}/logs?tail=100000&download=true`;
  $("log-download-stderr").href = `/v1/bots/${encodeURIComponent(name)}/logs?tail=100000&download=true&stream=stderr`;
  renderStopReport(name);
  await renderBotRecord();
  const controller = new AbortController();
  state.follow = controller;
  follow(`/v1/bots/${encodeURIComponent(name)}/logs?tail=200&follow=true&format=json`, $("log-lines"), logFilter, controller.signal, false);
}

async function renderBotRecord() {
  const name = currentBot();
  const record = $("bot-record");
  try {
    const detail = await api(`/v1/bots/${encodeURIComponent(name)}/inspect`);
    const bot = detail.bot;
    const fields = {
      type: bot.bot_type, status: bot.status, health: bot.health, pid: bot.pid ?? "—", processes: bot.pid ? bot.child_processes + 1 : 0,
      ports: (bot.ports ?? []).join(", ") || "—", unit: bot.unit ?? "—", containment: detail.containment,
      command: (detail.command ?? []).join(" "), config: detail.config_json ?? "—", started: bot.started_at ?? "—", restarts: bot.restarts,
      "last exit code": bot.exit_code ?? "—", "last error": bot.last_error ?? "—", "log file": bot.log_file,
    };
    for (const task of bot.tasks ?? []) {
      fields[`task ${task.slot ?? task.id.slice(0, 12)}`] = `${task.state} on ${task.node ?? "?"}, container ${task.container_id?.slice(0, 12) ?? "—"}`
        + (task.error ? ` (${task.error})` : "");
    }
    record.replaceChildren(...Object.entries(fields).flatMap(([k, v]) => [element("dt", k), element("dd", String(v))]));
    $("exit-history").tBodies[0].replaceChildren(...(detail.exits ?? []).map((e) => {
      const tr = document.createElement("tr");
      tr.append(element("td", e.at), element("td", String(e.exit_code ?? "—")), element("td", e.reason));
      return tr;
    }));
    $("bot-stop").disabled = false;
    $("bot-restart").disabled = false;
  } catch {
    record.replaceChildren(element("dt", "status"), element("dd", "no longer listed (stopped)"));
    $("bot-stop").disabled = true;
    $("bot-restart").disabled = true;
  }
}

function renderStopReport(name) {
  const saved = sessionStorage.getItem(`stop:${name}`);
  $("stop-report").hidden = !saved;
  if (!saved) return;
  const report = JSON.parse(saved);
  const members = (list) => (list ?? []).map((m) => `${m.pid} ${m.command}`).join("\n") || "—";
  const fields = {
    signal: `${report.signal ?? "—"} (grace ${report.grace_seconds} s)`,
    signalled: members(report.signalled), "exited by the signal": members(report.exited_by_signal),
    "had to be killed": members(report.killed), "exit code": report.exit_code ?? "—",
    "took": `${report.duration_ms} ms`, "proven empty": report.proven_empty ? "yes" : `NO — survivors: ${members(report.survivors)}`,
  };
  $("stop-report-fields").replaceChildren(...Object.entries(fields).flatMap(([k, v]) => [element("dt", k), element("dd", String(v))]));
}

// --- logs -----------------------------------------------------------------------------------------------------------

function followMerged() {
  const controller = new AbortController();
  state.follow = controller;
  const bot = $("logs-bot").value;
  $("merged-lines").replaceChildren();
  follow(`/v1/logs?tail=50&follow=true&format=json${bot ? `&bot=${encodeURIComponent(bot)}` : ""}`, $("merged-lines"), mergedFilter, controller.signal, true);
}

// Which lines a log view shows: those with the search text, of the chosen stream.
const logFilter = () => ({ needle: $("log-search").value, stream: $("log-stream").value });
const mergedFilter = () => ({ needle: $("logs-search").value, stream: "" });

// The API sends one {"bot", "stream", "line"} object per line (format=json): stderr lines are marked as such.
async function follow(url, into, filter, signal, merged) {
  try {
    const response = await fetch(url, { credentials: "same-origin", signal });
    if (!response.ok) throw new ApiError(`${response.status} ${response.statusText}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let partial = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const lines = (partial + value).split("\n");
      partial = lines.pop();
      appendLines(into, lines.filter((l) => l !== "").map((l) => JSON.parse(l)), filter(), merged);
    }
  } catch (error) {
    if (!signal.aborted) showError(error);
  }
}

function appendLines(into, lines, filter, merged) {
  const stick = into.scrollTop + into.clientHeight >= into.scrollHeight - 4;
  for (const entry of lines) {
    const div = document.createElement("div");
    div.textContent = merged ? `${entry.bot} | ${entry.line}` : entry.line;
    div.dataset.stream = entry.stream;
    if (entry.stream === "stderr") div.title = "stderr";
    markHit(div, filter);
    into.append(div);
  }
  while (into.childElementCount > MAX_LOG_LINES) into.firstElementChild.remove();
  if (stick) into.scrollTop = into.scrollHeight;
}

function markHit(line, { needle, stream }) {
  const hit = needle !== "" && line.textContent.toLowerCase().includes(needle.toLowerCase());
  line.classList.toggle("hit", hit);
  line.hidden = (needle !== "" && !hit) || (stream !== "" && line.dataset.stream !== stream);
}

function filterLines(into, filter) {
  for (const line of into.children) markHit(line, filter);
}

// --- events ---------------------------------------------------------------------------------------------------------

function renderEvents() {
  if ($("view-events").hidden) return;
  $("event-list").replaceChildren(...state.events.map((e) => {
    const li = document.createElement("li");
    li.dataset.kind = e.kind;
    li.append(
      element("time", new Date(e.at).toLocaleTimeString()),
      badge(e.kind),
      link(`#/bot/${encodeURIComponent(e.bot_name)}`, e.bot_name),
      element("span", [e.pid ? `pid ${e.pid}` : "", e.exit_code != null ? `exit ${e.exit_code}` : "", e.detail ?? ""].filter(Boolean).join(" · ")),
    );
    return li;
  }));
}

// --- small helpers --------------------------------------------------------------------------------------------------

function element(tag, text) {
  const e = document.createElement(tag);
  e.textContent = text;
  return e;
}

function link(href, text) {
  const a = element("a", text);
  a.href = href;
  return a;
}

function badge(status) {
  const span = element("span", status);
  span.className = `status ${status}`;
  return span;
}

function button(text, action, onClick) {
  const b = element("button", text);
  b.type = "button";
  b.dataset.action = action;
  b.addEventListener("click", onClick);
  return b;
}

function uptime(bot) {
  if (!bot.started_at || !bot.pid) return "";
  const seconds = Math.max(0, Math.floor((Date.now() - new Date(bot.started_at).getTime()) / 1000));
  const [d, h, m, s] = [Math.floor(seconds / 86400), Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
}

function bytes(n) {
  if (!n) return "";
  const units = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

// --- wiring ---------------------------------------------------------------------------------------------------------

window.addEventListener("hashchange", route);
$("error-close").addEventListener("click", () => { $("error").hidden = true; });
for (const id of ["filter-search", "filter-status", "filter-type"]) $(id).addEventListener("input", renderBots);
$("log-search").addEventListener("input", () => filterLines($("log-lines"), logFilter()));
$("log-stream").addEventListener("change", () => filterLines($("log-lines"), logFilter()));
$("logs-search").addEventListener("input", () => filterLines($("merged-lines"), mergedFilter()));
$("logs-bot").addEventListener("change", () => { state.follow?.abort(); followMerged(); });
$("login-form").addEventListener("submit", logIn);
$("logout").addEventListener("click", async () => {
  await fetch("/v1/session", { method: "DELETE", credentials: "same-origin" });
  state.stream?.close();
  location.reload();
});
$("bot-stop").addEventListener("click", () => stopBot(currentBot()));
$("bot-restart").addEventListener("click", () =>
  confirmThen(`Restart ${currentBot()}?`, () => post(`/v1/launcher/restart/${encodeURIComponent(currentBot())}`)));
$("stop-all").addEventListener("click", () =>
  confirmThen(`Stop all ${state.bots.size} bots and every process they started?`, () => post("/v1/launcher/stop", { all: true })));
$("launch-open").addEventListener("click", () => {
  $("launch-error").hidden = true;
  $("launch-dialog").showModal();
});
$("launch-form").addEventListener("submit", async (event) => {
  if (event.submitter?.value !== "launch") return;
  event.preventDefault();
  let config;
  try {
    config = JSON.parse($("launch-config").value || "{}");
  } catch (error) {
    $("launch-error").textContent = `Config is not JSON: ${error.message}`;
    $("launch-error").hidden = false;
    return;
  }
  const name = $("launch-name").value.trim();
  await confirmThen(`Launch ${name} (${$("launch-type").value})?`, async () => {
    await post("/v1/launcher/launch", { bot_name: name, bot_type: $("launch-type").value, config });
    $("launch-dialog").close();
  }, (error) => {
    $("launch-error").textContent = error.message;
    $("launch-error").hidden = false;
  });
});
setInterval(refresh, REFRESH_MS);
start().catch(showError);
