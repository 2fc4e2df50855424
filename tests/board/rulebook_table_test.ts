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
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     running            running            running            running            running            running
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    running            running            running            running            running            running
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

heartbeat                 person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   running            running            running            running            !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

complete                  person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     done               done               done               done               !stale_run         !not_your_task
running                   done               done               done               done               !stale_run         !not_your_task
blocked                   done               done               done               done               !stale_run         !not_your_task
review                    done               done               done               done               !stale_run         !not_your_task
done                      noop               noop               noop               noop               noop               !not_your_task
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

block                     person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     blocked            blocked            blocked            blocked            !stale_run         !not_your_task
running                   blocked            blocked            blocked            blocked            !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

block, blocked once       person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     triage             triage             triage             triage             !stale_run         !not_your_task
running                   triage             triage             triage             triage             !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

block --kind dependency   person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     ready              ready              ready              ready              !stale_run         !not_your_task
running                   ready              ready              ready              ready              !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

block --kind needs_input  person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     blocked            blocked            blocked            blocked            !stale_run         !not_your_task
running                   blocked            blocked            blocked            blocked            !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

unblock                   person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 ready              ready              ready              ready              ready              ready
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   ready              ready              ready              ready              ready              ready
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

archive                   person             dashboard          dispatcher         worker             stale              other
triage                    archived           archived           archived           archived           archived           archived
todo                      archived           archived           archived           archived           archived           archived
scheduled                 archived           archived           archived           archived           archived           archived
ready                     archived           archived           archived           archived           archived           archived
running                   archived           archived           archived           archived           archived           archived
blocked                   archived           archived           archived           archived           archived           archived
review                    archived           archived           archived           archived           archived           archived
done                      archived           archived           archived           archived           archived           archived
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

promote                   person             dashboard          dispatcher         worker             stale              other
triage                    ready              ready              ready              ready              ready              ready
todo                      !parents_pending   !parents_pending   !parents_pending   !parents_pending   !parents_pending   !parents_pending
scheduled                 ready              ready              ready              ready              ready              ready
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

schedule                  person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
scheduled                 scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
ready                     scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
running                   scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
blocked                   scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

schedule, no time         person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
scheduled                 scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
ready                     scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
running                   scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
blocked                   scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

wake                      person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 ready              ready              ready              ready              ready              ready
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

wake, not due             person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !not_due           !not_due           !not_due           !not_due           !not_due           !not_due
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

wake, no time             person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !not_due           !not_due           !not_due           !not_due           !not_due           !not_due
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

review                    person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     review             review             review             review             !stale_run         !not_your_task
running                   review             review             review             review             !stale_run         !not_your_task
blocked                   review             review             review             review             !stale_run         !not_your_task
review                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

send back                 person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   !not_in_review     !not_in_review     !not_in_review     !not_in_review     !not_in_review     !not_in_review
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    ready              ready              ready              ready              !stale_run         !not_your_task
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

send back, review run     person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
todo                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
scheduled                 !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
ready                     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
running                   ready              ready              ready              ready              !stale_run         !not_your_task
blocked                   !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
review                    ready              ready              ready              ready              !stale_run         !not_your_task
done                      !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state
archived                  !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state     !invalid_state

recompute                 person             dashboard          dispatcher         worker             stale              other
triage                    noop               noop               noop               noop               noop               noop
todo                      noop               noop               noop               noop               noop               noop
scheduled                 noop               noop               noop               noop               noop               noop
ready                     noop               noop               noop               noop               noop               noop
running                   noop               noop               noop               noop               noop               noop
blocked                   noop               noop               noop               noop               noop               noop
review                    noop               noop               noop               noop               noop               noop
done                      noop               noop               noop               noop               noop               noop
archived                  noop               noop               noop               noop               noop               noop

assign                    person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
scheduled                 scheduled          scheduled          scheduled          scheduled          scheduled          scheduled
ready                     ready              ready              ready              ready              ready              ready
running                   !running           !running           !running           !running           !running           !running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
review                    review             review             review             review             review             review
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

reclaim                   person             dashboard          dispatcher         worker             stale              other
triage                    !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
todo                      !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
scheduled                 !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
ready                     !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
running                   ready              ready              ready              ready              !stale_run         !not_your_task
blocked                   !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
review                    !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
done                      !not_running       !not_running       !not_running       !not_running       !not_running       !not_running
archived                  !not_running       !not_running       !not_running       !not_running       !not_running       !not_running

reassign                  person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
scheduled                 scheduled          scheduled          scheduled          scheduled          scheduled          scheduled
ready                     ready              ready              ready              ready              ready              ready
running                   !running           !running           !running           !running           !running           !running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
review                    review             review             review             review             review             review
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

reassign --reclaim        person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
scheduled                 scheduled          scheduled          scheduled          scheduled          scheduled          scheduled
ready                     ready              ready              ready              ready              ready              ready
running                   ready              ready              ready              ready              !stale_run         !not_your_task
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
review                    review             review             review             review             review             review
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

link, parent ready        person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
scheduled                 scheduled          scheduled          scheduled          scheduled          scheduled          scheduled
ready                     todo               todo               todo               todo               todo               todo
running                   running            running            running            running            running            running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
review                    review             review             review             review             review             review
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

link, parent done         person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
scheduled                 scheduled          scheduled          scheduled          scheduled          scheduled          scheduled
ready                     ready              ready              ready              ready              ready              ready
running                   running            running            running            running            running            running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
review                    review             review             review             review             review             review
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

unlink                    person             dashboard          dispatcher         worker             stale              other
triage                    !no_link           !no_link           !no_link           !no_link           !no_link           !no_link
todo                      ready              ready              ready              ready              ready              ready
scheduled                 scheduled          scheduled          scheduled          scheduled          scheduled          scheduled
ready                     ready              ready              ready              ready              ready              ready
running                   running            running            running            running            running            running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
review                    review             review             review             review             review             review
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

comment                   person             dashboard          dispatcher         worker             stale              other
triage                    triage             triage             triage             triage             triage             triage
todo                      todo               todo               todo               todo               todo               todo
scheduled                 scheduled          scheduled          scheduled          scheduled          scheduled          scheduled
ready                     ready              ready              ready              ready              ready              ready
running                   running            running            running            running            running            running
blocked                   blocked            blocked            blocked            blocked            blocked            blocked
review                    review             review             review             review             review             review
done                      done               done               done               done               done               done
archived                  archived           archived           archived           archived           archived           archived

move to triage            person             dashboard          dispatcher         worker             stale              other
triage                    noop               noop               noop               noop               noop               noop
todo                      triage             triage             triage             triage             triage             triage
scheduled                 triage             triage             triage             triage             triage             triage
ready                     triage             triage             triage             triage             triage             triage
running                   !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
blocked                   triage             triage             triage             triage             triage             triage
review                    triage             triage             triage             triage             triage             triage
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to todo              person             dashboard          dispatcher         worker             stale              other
triage                    todo               todo               todo               todo               todo               todo
todo                      noop               noop               noop               noop               noop               noop
scheduled                 todo               todo               todo               todo               todo               todo
ready                     todo               todo               todo               todo               todo               todo
running                   !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
blocked                   todo               todo               todo               todo               todo               todo
review                    todo               todo               todo               todo               todo               todo
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to scheduled         person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
todo                      scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
scheduled                 noop               noop               noop               noop               noop               noop
ready                     scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
running                   scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
blocked                   scheduled          scheduled          scheduled          scheduled          !stale_run         !not_your_task
review                    !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to ready             person             dashboard          dispatcher         worker             stale              other
triage                    ready              ready              ready              ready              ready              ready
todo                      !parents_pending   !parents_pending   !parents_pending   !parents_pending   !parents_pending   !parents_pending
scheduled                 ready              ready              ready              ready              ready              ready
ready                     noop               noop               noop               noop               noop               noop
running                   ready              ready              ready              ready              ready              ready
blocked                   ready              ready              ready              ready              ready              ready
review                    ready              ready              ready              ready              ready              ready
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to running           person             dashboard          dispatcher         worker             stale              other
triage                    !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
todo                      !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
scheduled                 !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
ready                     !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
running                   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
blocked                   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
review                    !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
done                      !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused
archived                  !running_refused   !running_refused   !running_refused   !running_refused   !running_refused   !running_refused

move to blocked           person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
todo                      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
scheduled                 !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
ready                     blocked            blocked            blocked            blocked            !stale_run         !not_your_task
running                   blocked            blocked            blocked            blocked            !stale_run         !not_your_task
blocked                   noop               noop               noop               noop               noop               noop
review                    !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to review            person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
todo                      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
scheduled                 !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
ready                     review             review             review             review             !stale_run         !not_your_task
running                   review             review             review             review             !stale_run         !not_your_task
blocked                   review             review             review             review             !stale_run         !not_your_task
review                    noop               noop               noop               noop               noop               noop
done                      !terminal          !terminal          !terminal          !terminal          !terminal          !terminal
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to done              person             dashboard          dispatcher         worker             stale              other
triage                    !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
todo                      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
scheduled                 !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move      !invalid_move
ready                     done               done               done               done               !stale_run         !not_your_task
running                   done               done               done               done               !stale_run         !not_your_task
blocked                   done               done               done               done               !stale_run         !not_your_task
review                    done               done               done               done               !stale_run         !not_your_task
done                      noop               noop               noop               noop               noop               noop
archived                  !terminal          !terminal          !terminal          !terminal          !terminal          !terminal

move to archived          person             dashboard          dispatcher         worker             stale              other
triage                    archived           archived           archived           archived           archived           archived
todo                      archived           archived           archived           archived           archived           archived
scheduled                 archived           archived           archived           archived           archived           archived
ready                     archived           archived           archived           archived           archived           archived
running                   archived           archived           archived           archived           archived           archived
blocked                   archived           archived           archived           archived           archived           archived
review                    archived           archived           archived           archived           archived           archived
done                      archived           archived           archived           archived           archived           archived
archived                  noop               noop               noop               noop               noop               noop

ended: done               person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    done               !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: blocked (78)       person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    blocked            !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: retry (75)         person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: crashed            person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: timed_out          person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: spawn_failed       person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: protocol_violation person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: crashed at limit   person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    blocked            !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

ended: crashed uncounted  person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

release                   person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    ready              !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

extend                    person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    running            !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
done                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
archived                  !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher

defer                     person             dashboard          dispatcher         worker             stale              other
triage                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
todo                      !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
scheduled                 !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
ready                     !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
running                   !not_dispatcher    !not_dispatcher    running            !not_dispatcher    !not_dispatcher    !not_dispatcher
blocked                   !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
review                    !not_dispatcher    !not_dispatcher    !run_lost          !not_dispatcher    !not_dispatcher    !not_dispatcher
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
