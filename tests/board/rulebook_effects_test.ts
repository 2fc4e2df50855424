/**
 * What each operation does, effect by effect, in the order the store applies them: the run it
 * closes or opens, the columns it writes, the retry backoff, links, comments, events (kinds and
 * payloads as the store writes them) and the children that become ready. Times are relative
 * to the decision's NOW; "new run" is the id of the run the plan opens. The cases are built in
 * rulebook_effects_cases.ts; refusals show their code, class and message.
 */

import { equal } from "../support/assert.ts";
import { decide, MAX_ERROR_CHARS } from "../../lib/board/mod.ts";
import { decisionText } from "./plan_text.ts";
import { CASES } from "./rulebook_effects_cases.ts";
import { factsIn, NOW, RUN } from "./rulebook_fixtures.ts";

const EFFECTS = `
== create with done parents starts ready
status ready
link parents ["t_parent01", "t_parent02"]
event created {assignee: "writer", status: "ready", parents: ["t_parent01", "t_parent02"], tenant: "acme", skills: []}

== create with a parent not done starts todo
status todo
link parents ["t_parent01", "t_parent02"]
event created {assignee: null, status: "todo", parents: ["t_parent01", "t_parent02"], tenant: null, skills: ["go"]}

== create in triage starts triage whatever its parents
status triage
link parents ["t_parent01"]
event created {assignee: null, status: "triage", parents: ["t_parent01"], tenant: null, skills: []}

== create with unknown parents is refused
refused not_found (NotFoundError): unknown parent task(s): t_nope0001, t_nope0002

== claim opens a running run and takes the lease
open run status="running" profile="writer" claim_lock="host:2" claim_expires=NOW+900 last_heartbeat_at=NOW started_at=NOW
set status="running" claim_lock="host:2" claim_expires=NOW+900 started_at=NOW current_run_id="new run" last_heartbeat_at=NOW worker_pid=null
event claimed {lock: "host:2", expires: NOW+900, run_id: "new run"} run "new run"

== claim first closes a run the ready task still points at
close run 5 as reclaimed error="leaked run closed"
open run status="running" profile="writer" claim_lock="host:2" claim_expires=NOW+60 last_heartbeat_at=NOW started_at=NOW
set status="running" claim_lock="host:2" claim_expires=NOW+60 started_at=NOW-900 current_run_id="new run" last_heartbeat_at=NOW worker_pid=null
event claimed {lock: "host:2", expires: NOW+60, run_id: "new run"} run "new run"

== claim refuses a ready task whose parents are not done
refused parents_pending (InvalidStateError): cannot claim t_task0001: its parents are not all done

== heartbeat extends the lease of task and run, never shortening it
set last_heartbeat_at=NOW claim_expires=NOW+600
lease runId=7 lastHeartbeatAt=NOW claimExpires=NOW+60 neverShorten=true
event heartbeat {note: "halfway"} run 7

== complete of a running task closes its run with the hand-off and readies the child
close run 7 as done summary="did it\\nsecond line" metadata={n: 1}
set status="done" result="all good" completed_at=NOW claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null block_kind=null block_recurrences=0
retry cleared
event completed {result_len: 8, summary: "did it"} run 7
then t_child001:
  set status="ready"
  event promoted null

== complete of a task never claimed, with a result, records a zero-length run
open run status="done" profile="writer" started_at=NOW ended_at=NOW summary="r"
set status="done" result="r" completed_at=NOW claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null block_kind=null block_recurrences=0
retry cleared
event completed {result_len: 1, summary: "r"} run "new run"
then t_child001:
  set status="ready"
  event promoted null

== complete of a task never claimed, with nothing to hand off, opens no run
set status="done" result=null completed_at=NOW claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null block_kind=null block_recurrences=0
retry cleared
event completed {result_len: 0, summary: null}
then t_child001:
  set status="ready"
  event promoted null

== complete readies only children whose other parents are done
close run 7 as done
set status="done" result=null completed_at=NOW claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null block_kind=null block_recurrences=0
retry cleared
event completed {result_len: 0, summary: null} run 7
then t_child001:
  set status="ready"
  event promoted null
then t_child002:
  set status="ready"
  event promoted null

== complete of a done task with another result is refused
refused already_done (InvalidStateError): cannot complete t_task0001: it is already done with a different result

== block of a running task closes its run and comments the reason
close run 7 as blocked error="need the staging password"
set status="blocked" claim_lock=null claim_expires=null worker_pid=null current_run_id=null block_kind=null block_recurrences=1
comment by writer: "BLOCKED: need the staging password"
event blocked {reason: "need the staging password", kind: null, recurrences: 1} run 7

== block without a reason adds no comment
set status="blocked" claim_lock=null claim_expires=null worker_pid=null current_run_id=null block_kind=null block_recurrences=1
event blocked {reason: null, kind: null, recurrences: 1}

== block --kind dependency waits for its parents in todo, not for a person
close run 7 as blocked error="needs the schema task"
set status="todo" claim_lock=null claim_expires=null worker_pid=null current_run_id=null block_kind="dependency"
comment by writer: "BLOCKED: needs the schema task"
event dependency_wait {reason: "needs the schema task", kind: "dependency"} run 7

== block --kind dependency with its parents done is ready again
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null block_kind="dependency"
event dependency_wait {reason: null, kind: "dependency"}

== block for the same reason after an unblock goes to triage (the loop breaker)
close run 7 as blocked error="still no key"
set status="triage" claim_lock=null claim_expires=null worker_pid=null current_run_id=null block_kind="needs_input" block_recurrences=2
comment by writer: "BLOCKED: still no key"
event block_loop_detected {reason: "still no key", kind: "needs_input", recurrences: 2, limit: 2} run 7

== block for another reason than the last counts from one
set status="blocked" claim_lock=null claim_expires=null worker_pid=null current_run_id=null block_kind="capability" block_recurrences=1
comment by ann: "BLOCKED: no access"
event blocked {reason: "no access", kind: "capability", recurrences: 1}

== block with a kind that is none of Hermes's is refused
refused invalid_block_kind (UsageError): unknown block kind 'someday': expected one of dependency, needs_input, capability, transient (or none)

== unblock resets the failure budget and readies the task
set status="ready" consecutive_failures=0 last_failure_error=null
retry cleared
event unblocked {status: "ready"}

== unblock keeps the block kind and count, and comments its reason
set status="ready" consecutive_failures=0 last_failure_error=null
retry cleared
comment by ann: "UNBLOCK: key added"
event unblocked {status: "ready", reason: "key added"}

== unblock of a scheduled task releases it early and forgets its time
set status="ready" consecutive_failures=0 last_failure_error=null
retry cleared
event unblocked {status: "ready"}
schedule cleared

== schedule by its worker parks a running task until a time, its run closed as scheduled
close run 7 as scheduled summary="rate limit resets at noon"
set status="scheduled" claim_lock=null claim_expires=null worker_pid=null current_run_id=null
comment by writer: "SCHEDULED: rate limit resets at noon"
event scheduled {reason: "rate limit resets at noon", until: NOW+3600} run 7
schedule due_at=NOW+3600

== schedule without a time parks a task until someone releases it
set status="scheduled" claim_lock=null claim_expires=null worker_pid=null current_run_id=null
event scheduled {reason: null}
schedule cleared

== schedule of a scheduled task moves its time
set status="scheduled" claim_lock=null claim_expires=null worker_pid=null current_run_id=null
event scheduled {reason: null, until: NOW+60}
schedule due_at=NOW+60

== schedule for a time that has passed is refused
refused invalid_time (UsageError): cannot schedule t_task0001 for a time that has passed (1700000000 <= now 1700000000)

== wake of a scheduled task whose time has come waits in todo while a parent is not done
set status="todo"
event schedule_due {status: "todo", due_at: NOW-10}
schedule cleared

== wake before its time is refused
refused not_due (InvalidStateError): cannot wake t_task0001: it is scheduled until 1700000060

== promote of a scheduled task releases it early
set status="ready"
event promoted {from: "scheduled", status: "ready"}
schedule cleared

== move of a scheduled card to todo forgets its time
set status="todo" claim_lock=null claim_expires=null worker_pid=null consecutive_failures=0 last_failure_error=null
retry cleared
event status {status: "todo", from: "scheduled", reason: "moved on the dashboard"}
schedule cleared

== move of a card to scheduled parks it without a time
set status="scheduled" claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null
comment by dashboard: "SCHEDULED: after the freeze"
event scheduled {reason: "after the freeze"}
schedule cleared

== review by its worker closes its run as review and hands the task to the reviewer
close run 7 as review summary="PR #12 is open"
set status="review" claim_lock=null claim_expires=null worker_pid=null current_run_id=null assignee="editor" consecutive_failures=0 last_failure_error=null
retry cleared
comment by writer: "REVIEW: PR #12 is open"
event review_requested {reviewer: "editor", from_assignee: "writer", note: "PR #12 is open"} run 7

== review by a person of a running task, reviewed by its assignee
close run 7 as review
set status="review" claim_lock=null claim_expires=null worker_pid=null current_run_id=null assignee="writer" consecutive_failures=0 last_failure_error=null
retry cleared
event review_requested {reviewer: "writer", from_assignee: "writer", note: null} run 7

== claim of a task in review starts its reviewer without asking its parents
open run status="running" profile="editor" claim_lock="host:2" claim_expires=NOW+900 last_heartbeat_at=NOW started_at=NOW
set status="running" claim_lock="host:2" claim_expires=NOW+900 started_at=NOW current_run_id="new run" last_heartbeat_at=NOW worker_pid=null
event claimed {lock: "host:2", expires: NOW+900, run_id: "new run", source_status: "review"} run "new run"

== complete of a task in review approves it
open run status="done" profile="writer" started_at=NOW ended_at=NOW summary="merged"
set status="done" result="merged" completed_at=NOW claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null block_kind=null block_recurrences=0
retry cleared
event completed {result_len: 6, summary: "merged"} run "new run"
then t_child001:
  set status="ready"
  event promoted null

== send back by the reviewer closes its run and gives the task back to its worker
close run 7 as sent_back summary="the tests fail on main"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null assignee="writer" last_heartbeat_at=null
comment by writer: "SENT BACK: the tests fail on main"
event sent_back {reason: "the tests fail on main", reviewer: "editor", assignee: "writer", status: "ready"} run 7

== send back of a task in review to another profile, while a parent is not done
set status="todo" claim_lock=null claim_expires=null worker_pid=null current_run_id=null assignee="designer" last_heartbeat_at=null
comment by ann: "SENT BACK: needs a designer"
event sent_back {reason: "needs a designer", reviewer: "editor", assignee: "designer", status: "todo"}

== send back of a running task that is not a review is refused
refused not_in_review (InvalidStateError): cannot send t_task0001 back: it is running, but not for a review

== unblock waits in todo while a parent is not done
set status="todo" consecutive_failures=0 last_failure_error=null
retry cleared
event unblocked {status: "todo"}

== unblock closes a run the blocked task still points at
close run 5 as reclaimed error="leaked run closed"
set status="ready" current_run_id=null consecutive_failures=0 last_failure_error=null
retry cleared
event unblocked {status: "ready"}

== archive of a running task closes its run as reclaimed and readies the child
close run 7 as reclaimed error="archived"
set status="archived" claim_lock=null claim_expires=null worker_pid=null current_run_id=null
event archived null
then t_child001:
  set status="ready"
  event promoted null

== promote from triage waits in todo while a parent is not done
set status="todo"
event promoted {from: "triage", status: "todo"}

== promote from todo readies a task whose parents are done
set status="ready"
event promoted {from: "todo", status: "ready"}

== recompute readies a todo task whose parents are done
set status="ready"
event promoted null

== assign resets the failure budget
set assignee=null consecutive_failures=0 last_failure_error=null
event assigned {assignee: null}

== assign refuses a running task
refused running (InvalidStateError): cannot reassign t_task0001: currently running (claimed). Wait for completion or reclaim the stale lock first.

== reclaim releases the claim, resets the budget, and readies the task
close run 7 as reclaimed error="manual_reclaim lock=host:1"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null
event reclaimed {manual: true, reason: null, prev_lock: "host:1"} run 7

== reclaim waits in todo while a parent linked since the claim is not done
close run 7 as reclaimed error="manual_reclaim: stuck"
set status="todo" claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null
event reclaimed {manual: true, reason: "stuck", prev_lock: "host:1"} run 7

== reassign --reclaim releases the claim, then assigns
close run 7 as reclaimed error="manual_reclaim: reassign"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null assignee="editor"
event reclaimed {manual: true, reason: "reassign", prev_lock: "host:1"} run 7
event assigned {assignee: "editor"}

== reclaim refuses a task that is not running, in Hermes's words
refused not_running (InvalidStateError): cannot reclaim t_task0001 (not running or unknown id)

== reclaim of an unknown id is refused in Hermes's words
refused not_found (NotFoundError): cannot reclaim t_nope0001 (not running or unknown id)

== reassign without --reclaim refuses a running task, in Hermes's words
refused running (InvalidStateError): cannot reassign t_task0001 (unknown id, or still running — pass --reclaim to release first)

== link to a parent not done sends a ready child back to todo
set status="todo"
link parent t_parent02
event linked {parent: "t_parent02", child: "t_task0001"}

== link that exists already writes nothing
nothing written

== link that would close a cycle is refused
refused cycle (InvalidRequestError): linking t_parent02 -> t_task0001 would create a cycle

== link of a task to itself is refused before anything else
refused self_link (InvalidRequestError): a task cannot depend on itself

== link names every unknown task
refused not_found (NotFoundError): unknown task(s): t_nope0001, t_nope0002

== unlink of the last parent not done readies a todo task
set status="ready"
unlink parent t_parent01
event unlinked {parent: "t_parent01", child: "t_task0001"}
event promoted null

== unlink of a link that does not exist is refused
refused no_link (NotFoundError): No such link: t_parent02 -> t_task0001

== comment adds the comment and its event
comment by ann: "for the record"
event commented {author: "ann", len: 14}

== move from ready to todo writes the status directly
set status="todo" claim_lock=null claim_expires=null worker_pid=null
event status {status: "todo", from: "ready", reason: "moved on the dashboard"}

== move from running to ready closes the run as reclaimed
close run 7 as reclaimed error="moved on the dashboard"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null
event status {status: "ready", from: "running", reason: "moved on the dashboard"} run 7

== move from blocked to triage resets the failure budget
set status="triage" claim_lock=null claim_expires=null worker_pid=null consecutive_failures=0 last_failure_error=null
retry cleared
event status {status: "triage", from: "blocked", reason: "moved on the dashboard"}

== move from blocked to ready unblocks
set status="ready" consecutive_failures=0 last_failure_error=null
retry cleared
event unblocked {status: "ready"}

== move to ready names the parents not done
refused parents_pending (InvalidStateError): cannot move t_task0001 to ready: blocked by parent(s) not done — 'parent 02' (t_parent02, running), 'parent 03' (t_parent03, todo)

== move to done completes with the dashboard's result
close run 7 as done summary="shipped"
set status="done" result="shipped" completed_at=NOW claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null block_kind=null block_recurrences=0
retry cleared
event completed {result_len: 7, summary: "shipped"} run 7
then t_child001:
  set status="ready"
  event promoted null

== move to blocked blocks with the dashboard's reason
set status="blocked" claim_lock=null claim_expires=null worker_pid=null current_run_id=null block_kind=null block_recurrences=1
comment by dashboard: "BLOCKED: waiting on legal"
event blocked {reason: "waiting on legal", kind: null, recurrences: 1}

== move of a done task anywhere but archived is refused
refused terminal (InvalidStateError): t_task0001 is done; a status write never reopens it — create a follow-up task instead

== move of an archived task is refused
refused terminal (InvalidStateError): t_task0001 is archived; a status write never revives it — create a new task instead

== move to running is refused
refused running_refused (UsageError): Cannot set status to 'running' directly: only the dispatcher starts tasks (move it to ready)

== move to a column that is no status is refused
refused unknown_status (UsageError): unknown status: doing (expected one of triage, todo, scheduled, ready, running, blocked, review, done, archived)

== move from running to todo is refused
refused invalid_move (InvalidStateError): cannot move t_task0001 to todo while it runs: move it to ready first (that stops its worker)

== move to done from todo is refused
refused invalid_move (InvalidStateError): cannot complete t_task0001: it is todo; only ready, running, blocked or review tasks can be completed

== ended done completes with the output as result
close run 7 as done summary="output tail"
set status="done" result="output tail" completed_at=NOW claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=0 last_failure_error=null block_kind=null block_recurrences=0
retry cleared
event completed {result_len: 11, summary: "output tail"} run 7
then t_child001:
  set status="ready"
  event promoted null

== ended blocked (78) blocks and comments as the profile
close run 7 as blocked error="worker exited 78: a person is needed"
set status="blocked" claim_lock=null claim_expires=null worker_pid=null current_run_id=null block_kind=null block_recurrences=1
comment by writer: "BLOCKED: worker exited 78: a person is needed"
event blocked {reason: "worker exited 78: a person is needed", kind: null, recurrences: 1} run 7

== ended retry (75) requeues with a doubling delay, budget untouched
close run 7 as retry_later error="worker exited 75 (try again later); retry in 120s"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null last_heartbeat_at=null
retry attempts=3 not_before=NOW+120
event retry_later {exit_code: 75, delay_seconds: 120, not_before: NOW+120, attempts: 3} run 7

== ended crashed below the limit requeues and counts the failure
close run 7 as crashed error="worker pid 4242 died without leaving an exit status"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null last_heartbeat_at=null consecutive_failures=1 last_failure_error="worker pid 4242 died without leaving an exit status"
event crashed {pid: 4242, claimer: "host:1", error: "worker pid 4242 died without leaving an exit status", failures: 1} run 7

== ended crashed at the limit gives up with the streak as the reason
close run 7 as gave_up error="spawn_failed+timed_out+crashed (last: worker pid 4242 died without leaving an exit status)"
set status="blocked" claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=3 last_failure_error="spawn_failed+timed_out+crashed (last: worker pid 4242 died without leaving an exit status)"
event gave_up {pid: 4242, claimer: "host:1", failures: 3, error: "spawn_failed+timed_out+crashed (last: worker pid 4242 died without leaving an exit status)", kind: "crashed", cause: "crashed"} run 7

== ended crashed uses the task's max_retries over the board's limit
close run 7 as gave_up error="crashed (last: worker pid 4242 died without leaving an exit status)"
set status="blocked" claim_lock=null claim_expires=null worker_pid=null current_run_id=null consecutive_failures=1 last_failure_error="crashed (last: worker pid 4242 died without leaving an exit status)"
event gave_up {pid: 4242, claimer: "host:1", failures: 1, error: "crashed (last: worker pid 4242 died without leaving an exit status)", kind: "crashed", cause: "crashed"} run 7

== ended crashed uncounted requeues without spending the budget
close run 7 as crashed error="worker pid 4242 died without leaving an exit status"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null last_heartbeat_at=null
event crashed {pid: 4242, claimer: "host:1", error: "worker pid 4242 died without leaving an exit status", counted: false} run 7

== ended of a run that no longer holds the task records nothing
refused run_lost (ConflictError): run 6 no longer holds t_task0001 (it is running); nothing recorded

== release puts the task back, budget untouched
close run 7 as reclaimed error="claim by host:1 expired and no worker process was recorded"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null last_heartbeat_at=null
event reclaimed {stale_lock: "host:1", reason: "claim by host:1 expired and no worker process was recorded"} run 7

== release without a run id closes whatever run the task points at
close run 7 as reclaimed error="task was running without an open run"
set status="ready" claim_lock=null claim_expires=null worker_pid=null current_run_id=null last_heartbeat_at=null
event reclaimed {stale_lock: "host:1", reason: "task was running without an open run"} run 7

== release waits in todo while a parent linked since the claim is not done
close run 7 as reclaimed error="claim expired"
set status="todo" claim_lock=null claim_expires=null worker_pid=null current_run_id=null last_heartbeat_at=null
event reclaimed {stale_lock: "host:1", reason: "claim expired"} run 7

== extend sets the lease of task and run
set claim_expires=NOW+900
lease runId=7 claimExpires=NOW+900 neverShorten=false
event claim_extended {expires: NOW+900, pid: 4242} run 7

== defer leaves the claim alone until a time
set claim_expires=NOW+120
lease runId=7 claimExpires=NOW+120 neverShorten=false
event reclaim_deferred {reason: "its worker runs on another host", until: NOW+120} run 7

== a person may not record how a run ended
refused not_dispatcher (PermissionError): only the dispatcher records how runs end and what leases do (release)

== a worker may not complete another task
refused not_your_task (PermissionError): a worker may only complete the task it holds (t_other001), not t_task0001

== a worker with an old run may not block its task
refused stale_run (PermissionError): run 6 no longer holds t_task0001 (its claim was reclaimed or taken over); refused

== a worker's task for an assignee in worker_create_assignees waits for its parent
status todo
link parents ["t_task0001"]
origin t_task0001 run 7
event created {assignee: "coder", status: "todo", parents: ["t_task0001"], tenant: "acme", skills: [], by_task: "t_task0001", by_run: 7}

== a worker's task for another assignee lands in triage
status triage
link parents ["t_task0001"]
origin t_task0001 run 7
event created {assignee: "reviewer", status: "triage", parents: ["t_task0001"], tenant: "acme", skills: [], by_task: "t_task0001", by_run: 7, review: "worker_create_assignees"}

== a worker's task for shell lands in triage with no assignee
status triage
link parents ["t_task0001"]
origin t_task0001 run 7
event created {assignee: null, status: "triage", parents: ["t_task0001"], tenant: "acme", skills: [], by_task: "t_task0001", by_run: 7, requested_assignee: "shell", review: "unconfined_assignee"}

== a worker's task for an unconfined profile lands in triage unassigned, even when listed
status triage
link parents ["t_task0001"]
origin t_task0001 run 7
event created {assignee: null, status: "triage", parents: ["t_task0001"], tenant: "acme", skills: [], by_task: "t_task0001", by_run: 7, requested_assignee: "owner", review: "unconfined_assignee"}

== a worker's task stays in its tenant
refused wrong_tenant (PermissionError): a worker of tenant 'acme' cannot create tasks in tenant 'other'

== a worker whose run has ended creates nothing
refused stale_run (PermissionError): run 7 no longer holds t_task0001 (it has ended, or its claim was reclaimed or taken over); a worker whose run has ended cannot create tasks

== a worker without its run's secret creates nothing
refused not_authenticated (PermissionError): a worker must prove its run with the run's secret (run 7 of t_task0001 did not); workers reach the board through the endpoint their dispatcher serves

== a worker without its run's secret is refused on its own task
refused not_authenticated (PermissionError): a worker must prove its run with the run's secret (run 7 of t_task0001 did not); workers reach the board through the endpoint their dispatcher serves

== a worker whose run has ended changes nothing on a task it created
refused stale_run (PermissionError): run 7 no longer holds t_task0001 (it has ended, or its claim was reclaimed or taken over); refused on t_made0001

== a worker comments on a task it created
comment by writer: "context for you"
event commented {author: "writer", len: 15}

== a worker may not comment on a task it did not create
refused not_your_task (PermissionError): a worker may comment only on its own task (t_task0001) and the tasks it created, not t_else0001

== a worker links a task it created after its own
set status="todo"
link parent t_task0001
event linked {parent: "t_task0001", child: "t_made0001"}

== a worker may not link a task it did not create
refused not_your_task (PermissionError): a worker may link only its own task (t_task0001) and the tasks it created, not t_else0001

== a worker may not ask for more than the worker verbs
refused not_a_worker_verb (PermissionError): a worker may not archive tasks

== an unknown task is refused
refused not_found (NotFoundError): no such task: t_nope0001
`;

const EXPECTED = new Map(
  EFFECTS.trim().split(/\n(?=== )/).map((section) => {
    const [title, ...lines] = section.trim().split("\n");
    return [title.slice(3), lines.join("\n")];
  }),
);

Deno.test("rulebook effects: every case has its expected effects, and every expectation a case", () => {
  equal([...EXPECTED.keys()].join("\n"), Object.keys(CASES).join("\n"));
});

for (const [name, decision] of Object.entries(CASES)) {
  Deno.test(`rulebook ${name}`, () => {
    equal(decisionText(decision()), EXPECTED.get(name));
  });
}

Deno.test("rulebook cuts a dispatcher's block reason to the stored length", () => {
  const d = decide(
    { op: "run_ended", runId: RUN, end: { kind: "blocked", reason: "x".repeat(600) } },
    factsIn("running"),
    { kind: "dispatcher", name: "writer" },
    NOW,
  );
  if (!d.ok) throw d.error;
  equal(d.plan.closeRun?.error?.length, MAX_ERROR_CHARS);
  equal(d.plan.events[0].payload?.reason, "x".repeat(MAX_ERROR_CHARS));
  equal(d.plan.comment?.body, `BLOCKED: ${"x".repeat(MAX_ERROR_CHARS)}`);
});
