/** Which of VS Code's four theme kinds the webview shows, from the class VS Code puts on <body>. */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function currentTheme(): ThemeKind {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast-light')) {
    return 'high-contrast-light';
  }
  if (classes.contains('vscode-high-contrast')) {
    return 'high-contrast';
  }
  return classes.contains('vscode-dark') ? 'dark' : 'light';
}

/** Calls back when the learner switches theme (VS Code swaps the body class in place). */
export function onThemeChange(callback: (theme: ThemeKind) => void): void {
  let last = currentTheme();
  new MutationObserver(() => {
    const next = currentTheme();
    if (next !== last) {
      last = next;
      callback(next);
    }
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
