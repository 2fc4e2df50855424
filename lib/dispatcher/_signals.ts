/** Signal names to the exit status a shell would report (128 + number), for run records. */

const NUMBERS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGXCPU: 24,
  SIGXFSZ: 25,
};

/** 128 + the signal's number (137 for SIGKILL), or null for a signal we do not know. */
export function signalExitCode(signal: string): number | null {
  const n = NUMBERS[signal.toUpperCase()];
  return n === undefined ? null : 128 + n;
}
