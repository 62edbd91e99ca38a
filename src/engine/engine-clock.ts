/** The engine's clock (timers, due dates); tests move it by months. */
export const ENGINE_CLOCK = Symbol('ENGINE_CLOCK');
