/// <reference lib="dom" />
/**
 * The web board: toolbar, filters, banners, the bulk action bar, board or graph, drawer,
 * dialogs, live updates.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { API, api, ApiError, currentBoard, withBoard } from "./api.ts";
import { BoardView, lanesOf, type Picking, setServerNow } from "./board_view.ts";
import { type BulkActions, BulkBar } from "./bulk_bar.ts";
import { ConfirmDialog, type ConfirmRequest, CreateDialog } from "./dialogs.ts";
import { Drawer } from "./drawer.ts";
import { COLUMN_TITLES } from "./format.ts";
import { GraphView } from "./graph_view.ts";
import { html } from "./html.ts";
import type { BoardConfig, BoardData, BulkResult, Card, Status, Task } from "./types.ts";

interface Banner {
  id: number;
  kind: "warning" | "error" | "info";
  text: string;
  /** A banner of a group replaces the group's earlier one (bulk outcomes). */
  group?: string;
}

let bannerId = 0;

/** Moves that ask first: what the dialog says, and whether it takes a reason. */
const CONFIRM: Partial<
  Record<Status, { title: string; text: (t: string) => string; action: string; reason: boolean }>
> = {
  done: {
    title: "Complete task?",
    text: (t) => `Mark '${t}' as done. Its children whose parents are all done become ready.`,
    action: "Complete",
    reason: false,
  },
  archived: {
    title: "Archive task?",
    text: (t) => `Archive '${t}'. A running worker is stopped.`,
    action: "Archive",
    reason: false,
  },
  blocked: {
    title: "Block task?",
    text: (t) => `Block '${t}' until someone unblocks it. A running worker is stopped.`,
    action: "Block",
    reason: true,
  },
  scheduled: {
    title: "Schedule task?",
    text: (t) =>
      `Park '${t}' in Scheduled until someone moves it on ('hermes kanban schedule' can give ` +
      "it a time instead). A running worker is stopped.",
    action: "Schedule",
    reason: true,
  },
  review: {
    title: "Send to review?",
    text: (t) =>
      `Hand '${t}' to review: the dispatcher starts its assignee on it as the reviewer, who ` +
      "completes it or sends it back. A running worker is stopped.",
    action: "Send to review",
    reason: true,
  },
};

function selectedFromHash(): string | null {
  const m = /^#(t_[0-9a-f]{8})$/.exec(location.hash);
  return m ? m[1] : null;
}

/** Does a card pass the filters? */
function matches(
  c: Card,
  f: { assignee: string; tenant: string; text: string; attention: boolean },
): boolean {
  if (f.attention && !c.warnings) return false;
  if (f.assignee === "-" && c.assignee !== null) return false;
  if (f.assignee && f.assignee !== "-" && c.assignee !== f.assignee) return false;
  if (f.tenant && c.tenant !== f.tenant) return false;
  if (f.text) {
    const q = f.text.toLowerCase();
    const hay = `${c.id} ${c.title} ${c.assignee ?? ""} ${c.body ?? ""}`.toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

/** The application. */
export function App() {
  const [data, setData] = useState<BoardData | null>(null);
  const [config, setConfig] = useState<BoardConfig | null>(null);
  const [auth, setAuth] = useState<"ok" | "missing">("ok");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [banners, setBanners] = useState<Banner[]>([]);
  const [selected, setSelected] = useState<string | null>(selectedFromHash());
  const [detailVersion, setDetailVersion] = useState(0);
  const [boardVersion, setBoardVersion] = useState(0);
  const [view, setView] = useState<"board" | "graph">("board");
  const [creating, setCreating] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [live, setLive] = useState<"connecting" | "live" | "offline">("connecting");
  const [filters, setFilters] = useState({
    assignee: "",
    tenant: "",
    text: "",
    attention: false,
  });
  const [lanes, setLanes] = useState(true);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [archived, setArchived] = useState(false);
  const [boards, setBoards] = useState<Array<{ slug: string; name: string }>>([]);
  const search = useRef<HTMLInputElement>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const banner = useCallback((kind: Banner["kind"], text: string, group?: string) => {
    const b = { id: ++bannerId, kind, text, group };
    setBanners((bs) => [...bs.filter((x) => !group || x.group !== group).slice(-3), b]);
    if (kind === "info") {
      setTimeout(() => setBanners((bs) => bs.filter((x) => x.id !== b.id)), 4000);
    }
  }, []);

  const load = useCallback(async () => {
    try {
      const d = await api<BoardData>("GET", `/board?include_archived=${archived}`);
      setServerNow(d.now);
      setData(d);
      setLoadError(null);
      setBoardVersion((v) => v + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setAuth("missing");
      else setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, [archived]);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    api<BoardConfig>("GET", "/config").then((c) => {
      setConfig(c);
      if (c.default_tenant) setFilters((f) => ({ ...f, tenant: f.tenant || c.default_tenant }));
      if (c.include_archived_by_default) setArchived(true);
      setLanes(c.lane_by_profile);
    }).catch(() => {});
    api<{ boards: Array<{ slug: string; name: string; exists: boolean }> }>("GET", "/boards")
      .then((r) => setBoards(r.boards.filter((b) => b.exists))).catch(() => {});
  }, []);

  // Live events: any change reloads the board (debounced); changes to the open task reload it.
  const hasData = data !== null;
  useEffect(() => {
    if (!hasData || auth !== "ok") return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(load, 120);
    };
    const es = new EventSource(`${API}${withBoard(`/events?since=${data!.latest_event_id}`)}`);
    es.onopen = () => setLive("live");
    es.onerror = () => setLive(es.readyState === EventSource.CLOSED ? "offline" : "connecting");
    es.onmessage = (m) => {
      setLive("live");
      const batch = JSON.parse(m.data) as { events: Array<{ task_id: string }> };
      if (batch.events.some((e) => e.task_id === selectedRef.current)) {
        setDetailVersion((v) => v + 1);
      }
      soon();
    };
    es.addEventListener("reset", soon);
    return () => {
      clearTimeout(timer);
      es.close();
    };
  }, [hasData, auth, load]);

  useEffect(() => {
    const onHash = () => setSelected(selectedFromHash());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const open = useCallback((id: string | null) => {
    setSelected(id);
    history.replaceState(null, "", id ? `#${id}` : location.pathname + location.search);
  }, []);

  const patchStatus = useCallback(async (task: Task | Card, to: Status, reason = "") => {
    try {
      await api("PATCH", `/tasks/${task.id}`, {
        status: to,
        ...(reason && ["blocked", "scheduled", "review"].includes(to)
          ? { block_reason: reason }
          : {}),
      });
      banner("info", `${task.id} moved to ${COLUMN_TITLES[to]}`);
      setDetailVersion((v) => v + 1);
      load();
    } catch (e) {
      banner("error", `Cannot move '${task.title}': ${e instanceof Error ? e.message : e}`);
    }
  }, [load, banner]);

  /** POST /tasks/bulk for the picked tasks; refusals are listed in a banner and marked. */
  const bulk = useCallback(async (body: Record<string, unknown>, did: string) => {
    const ids = [...picked];
    if (ids.length === 0) return;
    setBulkBusy(true);
    try {
      const r = await api<BulkResult>("POST", "/tasks/bulk", { ids, ...body });
      const no = r.results.filter((x) => !x.ok);
      setFailed(new Set(no.map((x) => x.id)));
      if (no.length) {
        const running = no.some((x) => x.code === "running") && "assignee" in body;
        banner(
          "error",
          `${did}: ${no.length} of ${r.results.length} refused — ` +
            no.slice(0, 3).map((x) => `${x.id}: ${x.error}`).join("; ") +
            (no.length > 3 ? "; …" : "") +
            (running ? " Tick 'Reclaim first' to release running tasks and reassign them." : ""),
          "bulk",
        );
        setPicked(new Set(no.map((x) => x.id)));
      } else {
        banner("info", `${did}: ${r.results.length} task(s)`, "bulk");
        setPicked(new Set());
      }
      setDetailVersion((v) => v + 1);
      load();
    } catch (e) {
      banner("error", `${did}: ${e instanceof Error ? e.message : e}`, "bulk");
    } finally {
      setBulkBusy(false);
    }
  }, [picked, load, banner]);

  /** Ask first, then move every picked task to `to`. */
  const bulkMove = useCallback((to: Status) => {
    const n = picked.size;
    if (to === "done" || to === "archived") {
      setConfirm({
        title: to === "done" ? `Complete ${n} task(s)?` : `Archive ${n} task(s)?`,
        text: to === "done"
          ? `Mark ${n} selected task(s) done. Running workers are stopped; children whose parents are all done become ready.`
          : `Archive ${n} selected task(s). Running workers are stopped.`,
        action: to === "done" ? "Complete" : "Archive",
        onConfirm: () =>
          bulk(
            to === "done" ? { status: "done" } : { archive: true },
            to === "done" ? "Completed" : "Archived",
          ),
      });
      return;
    }
    bulk({ status: to }, `Moved to ${COLUMN_TITLES[to]}`);
  }, [picked, bulk]);

  const move = useCallback((task: Task | Card, to: Status) => {
    const ask = CONFIRM[to];
    // Dragging one of several picked cards moves them all (a move that asks a reason: one).
    if (picked.has(task.id) && picked.size > 1 && !ask?.reason) {
      bulkMove(to);
      return;
    }
    if (ask) {
      setConfirm({
        title: ask.title,
        text: ask.text(task.title),
        action: ask.action,
        reason: ask.reason,
        onConfirm: (reason) => patchStatus(task, to, reason),
      });
      return;
    }
    patchStatus(task, to);
  }, [patchStatus, picked, bulkMove]);

  const nudge = async () => {
    try {
      const r = await api<Record<string, unknown>>("POST", "/dispatch?max=8");
      const spawned = Array.isArray(r.spawned) ? r.spawned.length : r.spawned ?? 0;
      banner("info", `Dispatcher ran: ${spawned} spawned`);
    } catch (e) {
      banner("error", e instanceof Error ? e.message : String(e));
    }
  };

  // Keyboard: n new task, / search, g graph, Esc closes.
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
      if (e.key === "Escape" && !creating && !confirm) {
        if (typing) (target as HTMLInputElement).blur();
        else if (selectedRef.current) open(null);
        else setPicked(new Set());
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey || creating || confirm) return;
      if (e.key === "n") {
        e.preventDefault();
        setCreating(true);
      } else if (e.key === "/") {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === "g") {
        setView((v) => v === "board" ? "graph" : "board");
      }
    };
    addEventListener("keydown", key);
    return () => removeEventListener("keydown", key);
  }, [creating, confirm, open]);

  const columns = useMemo(() => {
    if (!data) return [];
    return data.columns.map((c) => ({
      name: c.name,
      tasks: c.tasks.filter((t) => matches(t, filters)),
    }));
  }, [data, filters]);
  const allCards = useMemo(() => columns.flatMap((c) => c.tasks), [columns]);
  // Visible cards in the order the board shows them (lanes reorder the running column).
  const order = useMemo(
    () =>
      columns.flatMap((c) =>
        lanes && c.name === "running" ? lanesOf(c.tasks).flatMap((l) => l.cards) : c.tasks
      ).map((c) => c.id),
    [columns, lanes],
  );
  // A picked task that left the board (deleted, or archived and hidden) is no longer picked.
  useEffect(() => {
    if (!data) return;
    const on = new Set(data.columns.flatMap((c) => c.tasks.map((t) => t.id)));
    setPicked((p) =>
      [...p].every((id) => on.has(id)) ? p : new Set([...p].filter((id) => on.has(id)))
    );
  }, [data]);
  const picking: Picking = {
    picked,
    failed,
    toggle(id) {
      const next = new Set(picked);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setPicked(next);
      setAnchor(id);
    },
    range(id) {
      const from = anchor === null ? -1 : order.indexOf(anchor);
      const to = order.indexOf(id);
      const next = new Set(picked);
      if (from < 0 || to < 0) next.add(id);
      else for (const x of order.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(x);
      setPicked(next);
      setAnchor(id);
    },
    column(ids) {
      const next = new Set(picked);
      const all = ids.length > 0 && ids.every((x) => next.has(x));
      for (const x of ids) all ? next.delete(x) : next.add(x);
      setPicked(next);
    },
  };
  const bulkActions: BulkActions = {
    ready: () => bulkMove("ready"),
    complete: () => bulkMove("done"),
    archive: () => bulkMove("archived"),
    reassign: (assignee, reclaim) =>
      bulk(
        { assignee: assignee ?? "", ...(reclaim ? { reclaim_first: true } : {}) },
        assignee ? `Reassigned to @${assignee}` : "Unassigned",
      ),
    selectAllVisible: () => setPicked(new Set(order)),
    clear: () => {
      setPicked(new Set());
      setFailed(new Set());
    },
  };
  const distressed = allCards.filter((c) => c.warnings).length;

  if (auth === "missing") {
    return html`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;
  }

  const total = data ? data.columns.reduce((n, c) => n + c.tasks.length, 0) : 0;
  const dispatcherOff = config && !config.dispatcher.running;
  return html`<div class=${`app ${selected ? "with-drawer" : ""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${
    boards.length > 1
      ? html`
        <select class="board-pick" aria-label="Board"
          value=${currentBoard() || data?.board || "default"}
          onChange=${(e: Event) => {
            // Named even for the default board: without ?board= the server shows the current one.
            const b = (e.target as HTMLSelectElement).value;
            location.search = `?board=${encodeURIComponent(b)}`;
          }}>${boards.map((b) => html`<option value=${b.slug}>${b.name}</option>`)}</select>
      `
      : html`<span class="board-name">${data?.board ?? ""}</span>`
  }
      <span class=${`live live-${live}`} title=${
    live === "live" ? "Live updates on" : "Reconnecting…"
  }>
        <span class="live-dot"></span>${
    live === "live" ? "Live" : live === "connecting" ? "Connecting" : "Offline"
  }
      </span>
      ${
    config
      ? html`<span class=${`disp ${dispatcherOff ? "off" : "on"}`} title=${
        config.dispatcher.message || "dispatcher running"
      }>
          Dispatcher ${dispatcherOff ? "off" : "on"}</span>`
      : null
  }
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${view === "board"} class=${
    view === "board" ? "on" : ""
  } onClick=${() => setView("board")}>Board</button>
        <button role="tab" aria-selected=${view === "graph"} class=${
    view === "graph" ? "on" : ""
  } onClick=${() => setView("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${nudge} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${() =>
    setCreating(true)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${search} class="search" type="search" placeholder="Filter by text  ( / )" value=${filters.text}
        aria-label="Filter by text" onInput=${(e: Event) =>
    setFilters({ ...filters, text: (e.target as HTMLInputElement).value })} />
      <select aria-label="Assignee" value=${filters.assignee} onChange=${(e: Event) =>
    setFilters({ ...filters, assignee: (e.target as HTMLSelectElement).value })}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(data?.assignees ?? []).map((a) => html`<option value=${a}>@${a}</option>`)}
      </select>
      <select aria-label="Tenant" value=${filters.tenant} onChange=${(e: Event) =>
    setFilters({ ...filters, tenant: (e.target as HTMLSelectElement).value })}>
        <option value="">All tenants</option>
        ${(data?.tenants ?? []).map((t) => html`<option value=${t}>${t}</option>`)}
      </select>
      <label class="check"><input type="checkbox" checked=${archived} onChange=${(e: Event) =>
    setArchived((e.target as HTMLInputElement).checked)} /> Archived</label>
      <label class="check" title="Split the In progress column into a lane per profile"><input type="checkbox" name="lanes" checked=${lanes} onChange=${(
    e: Event,
  ) => setLanes((e.target as HTMLInputElement).checked)} /> Lanes by profile</label>
      ${
    distressed || filters.attention
      ? html`
        <button class=${`attention ${filters.attention ? "on" : ""}`} aria-pressed=${filters
          .attention}
          title="Tasks with diagnostics (hermes kanban diagnostics): show only them"
          onClick=${() =>
            setFilters({
              ...filters,
              attention: !filters.attention,
            })}>⚠ ${distressed} need attention</button>
      `
      : null
  }
      <span class="spacer"></span>
      <span class="muted">${
    allCards.length === total ? `${total} tasks` : `${allCards.length} of ${total} tasks`
  }</span>
    </div>
    <div class="banners" aria-live="polite">
      ${
    loadError ? html`<div class="banner error">Cannot load the board: ${loadError}</div>` : null
  }
      ${
    banners.map((b) =>
      html`
        <div key=${b.id} class=${`banner ${b.kind}`} role=${b.kind === "error"
          ? "alert"
          : "status"}>
          <span>${b.text}</span>
          <button class="icon" aria-label="Dismiss" onClick=${() =>
            setBanners((bs) => bs.filter((x) => x.id !== b.id))}>✕</button>
        </div>
      `
    )
  }
    </div>
    ${
    picked.size
      ? html`
        <${BulkBar} count=${picked.size} assignees=${data?.assignees ?? []}
          actions=${bulkActions} busy=${bulkBusy} />
      `
      : null
  }
    <main class="main">
      ${
    !data ? html`<div class="muted pad">Loading…</div>` : view === "board"
      ? html`
        <${BoardView} columns=${columns} onOpen=${open} onMove=${move} selected=${selected}
          picking=${picking} lanes=${lanes} />
      `
      : html`<${GraphView} cards=${allCards} version=${boardVersion} onOpen=${open} />`
  }
      ${
    selected
      ? html`
        <${Drawer} id=${selected} version=${detailVersion} markdown=${config?.render_markdown ??
          true}
          onClose=${() => open(null)} onOpen=${open} onMove=${move} onError=${(m: string) =>
            banner("error", m)} />
      `
      : null
  }
    </main>
    ${
    creating
      ? html`
        <${CreateDialog} assignees=${data?.assignees ?? []} tenants=${data?.tenants ?? []}
          defaultTenant=${filters.tenant} onClose=${() => setCreating(false)}
          onCreated=${(t: Task, warning: string | null) => {
            if (warning) banner("warning", `Task created, but: ${warning}`);
            else banner("info", `Created ${t.id}`);
            load();
          }} />
      `
      : null
  }
    ${confirm ? html`<${ConfirmDialog} req=${confirm} onClose=${() => setConfirm(null)} />` : null}
  </div>`;
}
