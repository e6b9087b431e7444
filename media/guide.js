// The guide panel's only script (loaded with the page's nonce). It turns clicks on elements
// marked with data-action into messages for the extension, which checks and carries them out,
// and it keeps the panel's target in the webview state so the panel survives a reload.
// @ts-check
(function () {
  'use strict';

  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();

  /** The target the extension rendered, from the body's data-state attribute. */
  function renderedTarget() {
    try {
      const text = document.body.dataset.state;
      return text ? JSON.parse(text) : undefined;
    } catch {
      return undefined;
    }
  }

  const target = renderedTarget();
  const previous = vscode.getState();

  /** Stores the target and the scroll position, the only state the page has. */
  function saveState() {
    if (target) vscode.setState(Object.assign({}, target, { scrollY: Math.round(window.scrollY) }));
  }

  // Stepping between findings of one rule re-renders the page; stay where the reader was.
  if (target && previous && previous.ruleId === target.ruleId
      && typeof previous.scrollY === 'number') {
    window.scrollTo(0, previous.scrollY);
  }
  saveState();

  /** The message an action element stands for, or undefined. */
  function messageFor(element) {
    const data = element.dataset;
    switch (data.action) {
      case 'reveal':
        if (data.kind === 'field') return { type: 'reveal', kind: 'field', field: data.field };
        if (data.kind === 'clause') {
          return { type: 'reveal', kind: 'clause', index: Number(data.index) };
        }
        if (data.kind === 'event') return { type: 'reveal', kind: 'event' };
        return undefined;
      case 'open-link':
        return { type: 'openLink', url: data.href };
      case 'navigate':
        return { type: 'navigate', direction: data.direction };
      default:
        return undefined;
    }
  }

  /** Posts the action of the element an event came from, if it has one. */
  function act(event) {
    const origin = event.target instanceof Element ? event.target : null;
    const element = origin ? origin.closest('[data-action]') : null;
    if (!element || element.hasAttribute('disabled')) return;

    const message = messageFor(element);
    if (!message) return;
    event.preventDefault();
    vscode.postMessage(message);
  }

  document.addEventListener('click', act);

  // Links here have no href (so nothing navigates behind the extension's back); give them the
  // keyboard behaviour of links. Buttons already turn Enter and Space into clicks.
  document.addEventListener('keydown', function (event) {
    const origin = event.target instanceof Element ? event.target : null;
    if (event.key === 'Enter' && origin && origin.matches('[role="link"][data-action]')) {
      act(event);
    }
  });

  let scrollPending = false;
  window.addEventListener('scroll', function () {
    if (scrollPending) return;
    scrollPending = true;
    window.requestAnimationFrame(function () {
      scrollPending = false;
      saveState();
    });
  }, { passive: true });
})();
