/**
 * The rulebook, whole: every operation from every status for every actor. Each block is one
 * operation; a row is the status the task is in, a column who asks. A cell is the status the
 * task is in afterwards, `noop` (allowed, nothing written), or `!<code>` of the refusal.
 *
 * The tasks are rulebook_fixtures.ts's: a todo task waits on a ready parent, a triage task has
 * no parent, every other task has one done parent; a running task holds run 7. Actors: a
 * person, the dashboard, the dispatcher, the task's own worker with its current run (none when
 * the task is not running), its own worker with an old run (`stale`), and the worker of
 * another task (`other`). Dispatcher operations name run 7. A worker with a run has proven it
 * with the run's secret; one without a run cannot (`!not_authenticated`); a worker asks only
 * for the worker verbs (`!not_a_worker_verb`), and comments and links only within its own task
 * and the tasks it created.
 */

import { deepEqual, equal } from "../support/assert.ts";
import { allowedMoves, moveRule, type OpName, STATUSES } from "../../lib/board/mod.ts";
import { grid, operations } from "./rulebook_fixtures.ts";

const TABLE = `
claim                     person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     running            running            running            !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_state     !invalid_state     !invalid_state     !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    running            running            running            !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb

heartbeat                 person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
running                   running            running            running            running            !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

complete                  person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     done               done               done               !not_authenticated !stale_run         !not_your_task
running                   done               done               done               done               !stale_run         !not_your_task
blocked                   done               done               done               !not_authenticated !stale_run         !not_your_task
review                    done               done               done               !not_authenticated !stale_run         !not_your_task
done                      noop               noop               noop               !not_authenticated noop               !not_your_task
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

block                     person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     blocked            blocked            blocked            !not_authenticated !stale_run         !not_your_task
running                   blocked            blocked            blocked            blocked            !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

block, blocked once       person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     triage             triage             triage             !not_authenticated !stale_run         !not_your_task
running                   triage             triage             triage             triage             !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

block --kind dependency   person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     ready              ready              ready              !not_authenticated !stale_run         !not_your_task
running                   ready              ready              ready              ready              !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

block --kind needs_input  person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     blocked            blocked            blocked            !not_authenticated !stale_run         !not_your_task
running                   blocked            blocked            blocked            blocked            !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

unblock                   person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_state     !invalid_state     !invalid_state     !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb

archive                   person             dashboard          dispatcher         worker             stale              other
triage                    archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   archived           archived           archived           !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb

promote                   person             dashboard          dispatcher         worker             stale              other
triage                    ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !parents_pending   !parents_pending   !parents_pending   !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_state     !invalid_state     !invalid_state     !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb

promote --force           person             dashboard          dispatcher         worker             stale              other
triage                    ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_state     !invalid_state     !invalid_state     !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb

edit_result               person             dashboard          dispatcher         worker             stale              other
triage                    !not_done          !not_done          !not_done          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_done          !not_done          !not_done          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_done          !not_done          !not_done          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_done          !not_done          !not_done          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_done          !not_done          !not_done          !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_done          !not_done          !not_done          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_done          !not_done          !not_done          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      done               done               done               !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_done          !not_done          !not_done          !not_authenticated !not_a_worker_verb !not_a_worker_verb

delete                    person             dashboard          dispatcher         worker             stale              other
triage                    !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_archived      !not_archived      !not_archived      !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  deleted            deleted            deleted            !not_authenticated !not_a_worker_verb !not_a_worker_verb

delete, worker unreaped   person             dashboard          dispatcher         worker             stale              other
triage                    !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_archived      !not_archived      !not_archived      !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_archived      !not_archived      !not_archived      !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !worker_unreaped   !worker_unreaped   !worker_unreaped   !not_authenticated !not_a_worker_verb !not_a_worker_verb

complete, phantom card    person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     !phantom_cards+event!phantom_cards+event!phantom_cards+event!not_authenticated !stale_run         !not_your_task
running                   !phantom_cards+event!phantom_cards+event!phantom_cards+event!phantom_cards+event!stale_run         !not_your_task
blocked                   !phantom_cards+event!phantom_cards+event!phantom_cards+event!not_authenticated !stale_run         !not_your_task
review                    !phantom_cards+event!phantom_cards+event!phantom_cards+event!not_authenticated !stale_run         !not_your_task
done                      noop               noop               noop               !not_authenticated noop               !not_your_task
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

schedule                  person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
ready                     scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
running                   scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
blocked                   scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

schedule, no time         person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
ready                     scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
running                   scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
blocked                   scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

wake                      person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_state     !invalid_state     !invalid_state     !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb

wake, not due             person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_due           !not_due           !not_due           !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_state     !invalid_state     !invalid_state     !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb

wake, no time             person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_due           !not_due           !not_due           !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_state     !invalid_state     !invalid_state     !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !not_a_worker_verb !not_a_worker_verb

review                    person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     review             review             review             !not_authenticated !stale_run         !not_your_task
running                   review             review             review             review             !stale_run         !not_your_task
blocked                   review             review             review             !not_authenticated !stale_run         !not_your_task
review                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

send back                 person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
running                   !not_in_review     !not_in_review     !not_in_review     !not_in_review     !not_in_review     !not_in_review
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
review                    ready              ready              ready              !not_authenticated !stale_run         !not_your_task
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

send back, review run     person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
ready                     !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
running                   ready              ready              ready              ready              !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
review                    ready              ready              ready              !not_authenticated !stale_run         !not_your_task
done                      !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !not_authenticated !invalid_state     !invalid_state

recompute                 person             dashboard          dispatcher         worker             stale              other
triage                    noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   noop               noop               noop               !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb

assign                    person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      todo               todo               todo               !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !running           !running           !running           !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   blocked            blocked            blocked            !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    review             review             review             !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      done               done               done               !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb

reclaim                   person             dashboard          dispatcher         worker             stale              other
triage                    !not_running       !not_running       !not_running       !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_running       !not_running       !not_running       !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_running       !not_running       !not_running       !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_running       !not_running       !not_running       !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   ready              ready              ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_running       !not_running       !not_running       !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_running       !not_running       !not_running       !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_running       !not_running       !not_running       !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_running       !not_running       !not_running       !not_authenticated !not_a_worker_verb !not_a_worker_verb

reassign                  person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      todo               todo               todo               !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !running           !running           !running           !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   blocked            blocked            blocked            !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    review             review             review             !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      done               done               done               !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb

reassign --reclaim        person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      todo               todo               todo               !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   ready              ready              ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   blocked            blocked            blocked            !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    review             review             review             !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      done               done               done               !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb

link, parent ready        person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             !not_authenticated !not_your_task     !not_your_task
todo                      todo               todo               todo               !not_authenticated !not_your_task     !not_your_task
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !not_your_task     !not_your_task
ready                     todo               todo               todo               !not_authenticated !not_your_task     !not_your_task
running                   running            running            running            !not_your_task     !not_your_task     !not_your_task
blocked                   blocked            blocked            blocked            !not_authenticated !not_your_task     !not_your_task
review                    review             review             review             !not_authenticated !not_your_task     !not_your_task
done                      done               done               done               !not_authenticated !not_your_task     !not_your_task
archived                  archived           archived           archived           !not_authenticated !not_your_task     !not_your_task

link, parent done         person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             !not_authenticated !not_your_task     !not_your_task
todo                      todo               todo               todo               !not_authenticated !not_your_task     !not_your_task
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !not_your_task     !not_your_task
ready                     ready              ready              ready              !not_authenticated !not_your_task     !not_your_task
running                   running            running            running            !not_your_task     !not_your_task     !not_your_task
blocked                   blocked            blocked            blocked            !not_authenticated !not_your_task     !not_your_task
review                    review             review             review             !not_authenticated !not_your_task     !not_your_task
done                      done               done               done               !not_authenticated !not_your_task     !not_your_task
archived                  archived           archived           archived           !not_authenticated !not_your_task     !not_your_task

unlink                    person             dashboard          dispatcher         worker             stale              other
triage                    !no_link           !no_link           !no_link           !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   running            running            running            !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   blocked            blocked            blocked            !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    review             review             review             !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      done               done               done               !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb

comment                   person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             !not_authenticated !stale_run         !not_your_task
todo                      todo               todo               todo               !not_authenticated !stale_run         !not_your_task
scheduled                 scheduled          scheduled          scheduled          !not_authenticated !stale_run         !not_your_task
ready                     ready              ready              ready              !not_authenticated !stale_run         !not_your_task
running                   running            running            running            running            !stale_run         !not_your_task
blocked                   blocked            blocked            blocked            !not_authenticated !stale_run         !not_your_task
review                    review             review             review             !not_authenticated !stale_run         !not_your_task
done                      done               done               done               !not_authenticated !stale_run         !not_your_task
archived                  archived           archived           archived           !not_authenticated !stale_run         !not_your_task

move to triage            person             dashboard          dispatcher         worker             stale              other
triage                    noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      triage             triage             triage             !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 triage             triage             triage             !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     triage             triage             triage             !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_move      !invalid_move      !invalid_move      !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   triage             triage             triage             !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    triage             triage             triage             !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb

move to todo              person             dashboard          dispatcher         worker             stale              other
triage                    todo               todo               todo               !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 todo               todo               todo               !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     todo               todo               todo               !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !invalid_move      !invalid_move      !invalid_move      !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   todo               todo               todo               !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    todo               todo               todo               !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb

move to scheduled         person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      scheduled          scheduled          scheduled          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     scheduled          scheduled          scheduled          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   scheduled          scheduled          scheduled          !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   scheduled          scheduled          scheduled          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb

move to ready             person             dashboard          dispatcher         worker             stale              other
triage                    ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !parents_pending   !parents_pending   !parents_pending   !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   ready              ready              ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    ready              ready              ready              !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb

move to running           person             dashboard          dispatcher         worker             stale              other
triage                    !running_refused   !running_refused   !running_refused   !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !running_refused   !running_refused   !running_refused   !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !running_refused   !running_refused   !running_refused   !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !running_refused   !running_refused   !running_refused   !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !running_refused   !running_refused   !running_refused   !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !running_refused   !running_refused   !running_refused   !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !running_refused   !running_refused   !running_refused   !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !running_refused   !running_refused   !running_refused   !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !running_refused   !running_refused   !running_refused   !not_authenticated !not_a_worker_verb !not_a_worker_verb

move to blocked           person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     blocked            blocked            blocked            !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   blocked            blocked            blocked            !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb

move to review            person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     review             review             review             !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   review             review             review             !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   review             review             review             !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb

move to done              person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !invalid_move      !invalid_move      !invalid_move      !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     done               done               done               !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   done               done               done               !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   done               done               done               !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    done               done               done               !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !terminal          !terminal          !terminal          !not_authenticated !not_a_worker_verb !not_a_worker_verb

move to archived          person             dashboard          dispatcher         worker             stale              other
triage                    archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   archived           archived           archived           !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      archived           archived           archived           !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  noop               noop               noop               !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: done               person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    done               !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: blocked (78)       person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    blocked            !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: retry (75)         person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: crashed            person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: timed_out          person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: spawn_failed       person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: protocol_violation person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: crashed at limit   person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    blocked            !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

ended: crashed uncounted  person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

release                   person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    ready              !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

extend                    person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    running            !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb

defer                     person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
running                   !not_dispatcher    !not_dispatcher    running            !not_a_worker_verb !not_a_worker_verb !not_a_worker_verb
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_authenticated !not_a_worker_verb !not_a_worker_verb
`;

const BLOCKS = TABLE.trim().split(/\n\s*\n/);

/** Every operation the rulebook knows (the compiler asks for a new one here). */
const OP_NAMES: Record<OpName, true> = {
  claim: true,
  heartbeat: true,
  complete: true,
  block: true,
  unblock: true,
  archive: true,
  promote: true,
  edit_result: true,
  delete: true,
  schedule: true,
  wake: true,
  review: true,
  send_back: true,
  recompute: true,
  assign: true,
  reclaim: true,
  reassign: true,
  link: true,
  unlink: true,
  comment: true,
  move: true,
  run_ended: true,
  release: true,
  extend: true,
  defer: true,
};

Deno.test("rulebook table has a block for every operation the fixtures build, and no other", () => {
  const labels = BLOCKS.map((b) => b.slice(0, 26).trim());
  deepEqual(labels, Object.keys(operations("ready")));
  const covered = new Set(Object.values(operations("ready")).map((o) => o.op));
  deepEqual(
    Object.keys(OP_NAMES).filter((n) => !covered.has(n as OpName)),
    [],
    "operations missing from the table",
  );
});

for (const block of BLOCKS) {
  const label = block.slice(0, 26).trim();
  Deno.test(`rulebook ${label} from every status for every actor is as the table says`, () => {
    equal(grid(label), block);
  });
}

Deno.test("rulebook answers the web board's allowed moves for a card in each status", () => {
  deepEqual(Object.fromEntries(STATUSES.map((s) => [s, allowedMoves(s)])), {
    triage: ["todo", "ready", "archived"],
    todo: ["triage", "scheduled", "ready", "archived"],
    scheduled: ["triage", "todo", "ready", "archived"],
    ready: ["triage", "todo", "scheduled", "blocked", "review", "done", "archived"],
    running: ["scheduled", "ready", "blocked", "review", "done", "archived"],
    blocked: ["triage", "todo", "scheduled", "ready", "review", "done", "archived"],
    review: ["triage", "todo", "ready", "done", "archived"],
    done: ["archived"],
    archived: [],
  });
  // The web board shows the refusal's sentence when a drag is refused.
  const refusal = moveRule("t_task0001", "done", "todo");
  equal(
    typeof refusal === "string" ? refusal : refusal.message,
    "t_task0001 is done; a status write never reopens it — create a follow-up task instead",
  );
  equal(moveRule("t_task0001", "blocked", "ready"), "unblock");
  equal(moveRule("t_task0001", "scheduled", "ready"), "unblock");
  equal(moveRule("t_task0001", "ready", "scheduled"), "schedule");
  equal(moveRule("t_task0001", "running", "review"), "review");
});

Deno.test("rulebook uses no Deno or Node API and imports only its own folder (the web board bundles it)", async () => {
  const dir = new URL("../../lib/board/", import.meta.url);
  for await (const f of Deno.readDir(dir)) {
    if (!f.name.endsWith(".ts")) continue;
    const text = await Deno.readTextFile(new URL(f.name, dir));
    equal(/\bDeno\.|["']node:|["']npm:|["']jsr:/.test(text), false, `${f.name} uses a runtime API`);
    const imports = [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    deepEqual(
      imports.filter((i) => !i.startsWith("./")),
      [],
      `${f.name} imports outside lib/board`,
    );
  }
});
