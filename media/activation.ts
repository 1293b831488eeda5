/** Makes an element act like a button: a click, Enter or Space runs the action (diagram parts are SVG groups, not buttons). */
export function onActivate(node: Element, action: () => void): void {
  node.addEventListener('click', action);
  node.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      action();
    }
  });
}
