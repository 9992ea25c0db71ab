/**
 * In a VS Code webview, the report is re-rendered whenever the scorecard is
 * evaluated again (the host sets new HTML); keeping the scroll position in
 * the webview's state means the reader stays where they were. Outside a
 * webview (`acquireVsCodeApi` is absent) this does nothing.
 */

interface WebviewApi {
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => WebviewApi) | undefined;

export function keepScrollPosition(): void {
  if (typeof acquireVsCodeApi !== 'function') return;
  const api = acquireVsCodeApi();
  const state = api.getState();
  if (isScrollState(state)) window.scrollTo(0, state.scrollY);
  let pending = false;
  window.addEventListener('scroll', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      api.setState({ scrollY: window.scrollY });
    });
  }, { passive: true });
}

function isScrollState(state: unknown): state is { scrollY: number } {
  return typeof state === 'object' && state !== null && typeof (state as { scrollY?: unknown }).scrollY === 'number';
}
