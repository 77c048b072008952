/**
 * @module next-turn
 * Long work (the purge, background jobs) runs in short slices and lets the event loop serve
 * requests between them. A macrotask, not a microtask: timers and sockets get their turn.
 * setTimeout exists on Node and on Workers alike.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
