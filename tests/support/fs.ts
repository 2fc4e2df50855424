/** File system checks for tests. */

/** Whether anything (a dangling symlink too) is at `path`. */
export function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
