// Time for everything that has deadlines or timers (session, pipeline, outbox, platform): the
// real clock, and a manual one tests step through.
export { systemClock, ManualClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
