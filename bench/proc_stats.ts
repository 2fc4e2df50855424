/**
 * A process's figures from /proc (CPU time, RSS, open fds), read through cat(1) and ls(1)
 * because Deno opens /proc only with --allow-all.
 */

/** Text of a /proc file, through cat(1); "" when it cannot be read. */
export async function procText(path: string): Promise<string> {
  const out = await new Deno.Command("cat", { args: [path], stdout: "piped", stderr: "null" })
    .output();
  return new TextDecoder().decode(out.stdout);
}

/** CPU time (utime + stime) of `pid` in milliseconds. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await procText(`/proc/${pid}/stat`);
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 (utime, stime) are at index 11 and 12 after "pid (comm) ". Clock ticks: 100/s.
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** Resident memory of `pid` in MiB (NaN when it cannot be read). */
export async function rssMiB(pid: number): Promise<number> {
  const kb = Number(/^VmRSS:\s*(\d+)/m.exec(await procText(`/proc/${pid}/status`))?.[1] ?? NaN);
  return kb / 1024;
}

/** Number of open file descriptors of `pid`. */
export async function openFds(pid: number): Promise<number> {
  const out = await new Deno.Command("sh", {
    args: ["-c", `ls /proc/${pid}/fd | wc -l`],
    stdout: "piped",
    stderr: "null",
  }).output();
  return Number(new TextDecoder().decode(out.stdout).trim());
}
