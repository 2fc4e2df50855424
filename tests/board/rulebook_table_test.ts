/**
 * The rulebook, whole: every operation from every status for every actor. Each block is one
 * operation; a row is the status the task is in, a column who asks. A cell is the status the
 * task is in afterwards, `noop` (allowed, nothing written), or `!<code>` of the refusal.
 *
 * The tasks are rulebook_fixtures.ts's: a todo task waits on a ready parent, a triage task has
 * no parent, every other task has one done parent; a running task holds run 7. Actors: a
 * person, the dashboard, the dispatcher, the task's own worker with its current run (none when
 * the task is not running), its own worker with an old run (`stale`), and the worker of
 * another task (`other`). Dispatcher operations name run 7.
 */

import { deepEqual, equal } from "../support/assert.ts";
import { allowedMoves, moveRule, type OpName, STATUSES } from "../../lib/board/mod.ts";
import { grid, operations } from "./rulebook_fixtures.ts";

const TABLE = `
claim                     person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     running            running            running            running            running            running
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

heartbeat                 person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   running            running            running            running            !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

complete                  person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     done               done               done               done               !stale_run         !not_your_task
running                   done               done               done               done               !stale_run         !not_your_task
blocked                   done               done               done               done               !stale_run         !not_your_task
done                      noop               noop               noop               noop               noop               !not_your_task
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

block                     person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     blocked            blocked            blocked            blocked            !stale_run         !not_your_task
running                   blocked            blocked            blocked            blocked            !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

unblock                   person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   ready              ready              ready              ready              ready              ready
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

archive                   person             dashboard          dispatcher         worker             stale              other
triage                    archived           archived           archived           archived           archived           archived
todo                      archived           archived           archived           archived           archived           archived
ready                     archived           archived           archived           archived           archived           archived
running                   archived           archived           archived           archived           archived           archived
blocked                   archived           archived           archived           archived           archived           archived
done                      archived           archived           archived           archived           archived           archived
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

promote                   person             dashboard          dispatcher         worker             stale              other
triage                    ready              ready              ready              ready              ready              ready
todo                      !parents_pending   !parents_pending   !parents_pending   !parents_pending   !parents_pending   !parents_pending
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

promote --force           person             dashboard          dispatcher         worker             stale              other
triage                    ready              ready              ready              ready              ready              ready
todo                      ready              ready              ready              ready              ready              ready
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

edit_result               person             dashboard          dispatcher         worker             stale              other
triage                    !not_done          !not_done          !not_done          !not_done          !not_done          !not_done
todo                      !not_done          !not_done          !not_done          !not_done          !not_done          !not_done
ready                     !not_done          !not_done          !not_done          !not_done          !not_done          !not_done
running                   !not_done          !not_done          !not_done          !not_done          !not_done          !not_done
blocked                   !not_done          !not_done          !not_done          !not_done          !not_done          !not_done
done                      done               done               done               done               !stale_run         !not_your_task
archived                  !not_done          !not_done          !not_done          !not_done          !not_done          !not_done

delete                    person             dashboard          dispatcher         worker             stale              other
triage                    !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
todo                      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
ready                     !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
running                   !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
blocked                   !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
done                      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
archived                  deleted            deleted            deleted            deleted            !stale_run         !not_your_task

delete, worker unreaped   person             dashboard          dispatcher         worker             stale              other
triage                    !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
todo                      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
ready                     !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
running                   !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
blocked                   !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
done                      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived      !not_archived
archived                  !worker_unreaped   !worker_unreaped   !worker_unreaped   !worker_unreaped   !stale_run         !not_your_task

complete, phantom card    person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     !phantom_cards+event!phantom_cards+event!phantom_cards+event!phantom_cards+event!stale_run         !not_your_task
running                   !phantom_cards+event!phantom_cards+event!phantom_cards+event!phantom_cards+event!stale_run         !not_your_task
blocked                   !phantom_cards+event!phantom_cards+event!phantom_cards+event!phantom_cards+event!stale_run         !not_your_task
done                      noop               noop               noop               noop               noop               !not_your_task
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

recompute                 person             dashboard          dispatcher         worker             stale              other
triage                    noop               noop               noop               noop               noop               noop
todo                      noop               noop               noop               noop               noop               noop
ready                     noop               noop               noop               noop               noop               noop
running                   noop               noop               noop               noop               noop               noop
blocked                   noop               noop               noop               noop               noop               noop
done                      noop               noop               noop               noop               noop               noop
archived                  noop               noop               noop               noop               noop               noop

assign                    person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
ready                     ready              ready              ready              ready              ready              ready
running                   !running           !running           !running           !running           !running           !running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

reclaim                   person             dashboard          dispatcher         worker             stale              other
triage                    !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
todo                      !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
ready                     !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
running                   ready              ready              ready              ready              !stale_run         !not_your_task
blocked                   !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
done                      !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
archived                  !not_running       !not_running       !not_running       !not_running       !not_running       !not_running

reassign                  person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
ready                     ready              ready              ready              ready              ready              ready
running                   !running           !running           !running           !running           !running           !running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

reassign --reclaim        person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
ready                     ready              ready              ready              ready              ready              ready
running                   ready              ready              ready              ready              !stale_run         !not_your_task
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

link, parent ready        person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
ready                     todo               todo               todo               todo               todo               todo
running                   running            running            running            running            running            running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

link, parent done         person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
ready                     ready              ready              ready              ready              ready              ready
running                   running            running            running            running            running            running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

unlink                    person             dashboard          dispatcher         worker             stale              other
triage                    !no_link           !no_link           !no_link           !no_link           !no_link           !no_link
todo                      ready              ready              ready              ready              ready              ready
ready                     ready              ready              ready              ready              ready              ready
running                   running            running            running            running            running            running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

comment                   person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
ready                     ready              ready              ready              ready              ready              ready
running                   running            running            running            running            running            running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

move to triage            person             dashboard          dispatcher         worker             stale              other
triage                    noop               noop               noop               noop               noop               noop
todo                      triage             triage             triage             triage             triage             triage
ready                     triage             triage             triage             triage             triage             triage
running                   !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
blocked                   triage             triage             triage             triage             triage             triage
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to todo              person             dashboard          dispatcher         worker             stale              other
triage                    todo               todo               todo               todo               todo               todo
todo                      noop               noop               noop               noop               noop               noop
ready                     todo               todo               todo               todo               todo               todo
running                   !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
blocked                   todo               todo               todo               todo               todo               todo
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to ready             person             dashboard          dispatcher         worker             stale              other
triage                    ready              ready              ready              ready              ready              ready
todo                      !parents_pending   !parents_pending   !parents_pending   !parents_pending   !parents_pending   !parents_pending
ready                     noop               noop               noop               noop               noop               noop
running                   ready              ready              ready              ready              ready              ready
blocked                   ready              ready              ready              ready              ready              ready
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to running           person             dashboard          dispatcher         worker             stale              other
triage                    !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
todo                      !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
ready                     !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
running                   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
blocked                   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
done                      !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
archived                  !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused

move to blocked           person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
todo                      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
ready                     blocked            blocked            blocked            blocked            !stale_run         !not_your_task
running                   blocked            blocked            blocked            blocked            !stale_run         !not_your_task
blocked                   noop               noop               noop               noop               noop               noop
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to done              person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
todo                      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
ready                     done               done               done               done               !stale_run         !not_your_task
running                   done               done               done               done               !stale_run         !not_your_task
blocked                   done               done               done               done               !stale_run         !not_your_task
done                      noop               noop               noop               noop               noop               noop
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to archived          person             dashboard          dispatcher         worker             stale              other
triage                    archived           archived           archived           archived           archived           archived
todo                      archived           archived           archived           archived           archived           archived
ready                     archived           archived           archived           archived           archived           archived
running                   archived           archived           archived           archived           archived           archived
blocked                   archived           archived           archived           archived           archived           archived
done                      archived           archived           archived           archived           archived           archived
archived                  noop               noop               noop               noop               noop               noop

ended: done               person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    done               !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: blocked (78)       person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    blocked            !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: retry (75)         person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: crashed            person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: timed_out          person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: spawn_failed       person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: protocol_violation person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: crashed at limit   person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    blocked            !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: crashed uncounted  person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

release                   person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

extend                    person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    running            !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

defer                     person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    running            !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
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
    todo: ["triage", "ready", "archived"],
    ready: ["triage", "todo", "blocked", "done", "archived"],
    running: ["ready", "blocked", "done", "archived"],
    blocked: ["triage", "todo", "ready", "done", "archived"],
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
