/**
 * Calls back when the page's colors may have changed: the viewer's light or
 * dark preference (theme `auto`), or, in a VS Code webview, the editor theme
 * (VS Code swaps the body's `vscode-light` / `vscode-dark` classes and
 * rewrites the `--vscode-*` variables on <html>). Changes are coalesced into
 * one call per frame.
 */

export function watchTheme(onChange: () => void): void {
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  };
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', schedule);
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class', 'data-theme'] });
}
