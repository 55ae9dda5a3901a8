// The privacy center page: draws whatever model the SDK gives
// (docs/privacy-center.md) and sends the actions it offers back, whole,
// through the host's one function:
//
//   window.confidantBridge(requestJson) -> Promise<responseJson>
//   request:  {"request":"model"} | {"request":"action","action":{...}}
//   response: {"ok":true,"model":{...}[,"result":{...}]}
//           | {"ok":false,"error":{"code":"...","message":"..."}}
//
// The page knows no rules: which rows and buttons exist, their texts and
// which ask for confirmation all come from the model.
'use strict';

(function () {
  // The page's own words (everything else comes from the model).
  const ui = {
    loading: 'Loading…',
    working: 'Working…',
    done: 'Done: {label} — {row}.',
    doneNoRow: 'Done: {label}.',
    gone: 'Done: {label}. There is nothing more to show.',
    failed: 'That did not work: {message}',
    noBridge: 'This page needs its host app to provide window.confidantBridge.',
    download: 'Download your data (JSON)',
    centerActions: 'All your data',
  };

  const $ = (id) => document.getElementById(id);
  const fill = (template, params) => template.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? '');

  function element(tag, props, children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) node.append(child);
    return node;
  }

  async function call(request) {
    if (typeof window.confidantBridge !== 'function') throw new Error(ui.noBridge);
    const response = JSON.parse(await window.confidantBridge(JSON.stringify(request)));
    if (!response.ok) throw new Error(response.error.message);
    return response;
  }

  function announce(text, isError) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  function actionButton(action, rowTitle) {
    const destructive = Boolean(action.confirm);
    const button = element('button', { type: 'button', textContent: action.label.text });
    button.dataset.action = action.id;
    if (destructive) button.className = 'destructive';
    // Many rows share a label ("Forget this"): the row's title tells them apart.
    if (rowTitle) button.setAttribute('aria-label', action.label.text + ' — ' + rowTitle);
    button.addEventListener('click', () => perform(action, rowTitle, button));
    return button;
  }

  function renderRow(row) {
    const item = element('li', { className: 'row' });
    item.dataset.rowId = row.id;
    item.dataset.kind = row.kind;
    item.append(element('h3', { textContent: row.title.text }));
    for (const line of row.lines) {
      const paragraph = element('p', { className: 'line', textContent: line.text });
      paragraph.dataset.key = line.key;
      item.append(paragraph);
    }
    if (row.actions.length) {
      item.append(element('div', { className: 'actions' }, row.actions.map((a) => actionButton(a, row.title.text))));
    }
    return item;
  }

  function renderSection(section) {
    const headingId = 'section-' + section.id;
    const node = element('section', { id: 'in-' + section.id });
    node.setAttribute('aria-labelledby', headingId);
    node.append(element('h2', { id: headingId, tabIndex: -1, textContent: section.title.text }));
    node.append(element('p', { className: 'summary', textContent: section.summary.text }));
    if (section.rows.length) {
      node.append(element('ul', { className: 'rows' }, section.rows.map(renderRow)));
    } else {
      node.append(element('p', { className: 'empty', textContent: section.empty.text }));
    }
    return node;
  }

  function render(model) {
    $('center-title').textContent = model.title.text;
    document.title = model.title.text;
    $('sections').replaceChildren(...model.sections.map(renderSection));
    const group = $('center-actions');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', ui.centerActions);
    group.replaceChildren(...model.actions.map((a) => actionButton(a, null)));
    $('center').setAttribute('aria-busy', 'false');
  }

  // Resolves true when the person confirms `text` with the action's label.
  function confirmed(text, label) {
    const dialog = $('confirm');
    $('confirm-text').textContent = text;
    $('confirm-ok').textContent = label;
    $('confirm-cancel').className = 'secondary';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
      dialog.returnValue = 'cancel';
      dialog.showModal();  // Cancel, the safe choice, takes focus (autofocus)
    });
  }

  // Keeps a keyboard user's place: the same button if it is still there,
  // else the heading of the section the row was in, else the page's title.
  function restoreFocus(rowId, actionId, sectionId) {
    const row = rowId && document.querySelector('li[data-row-id="' + CSS.escape(rowId) + '"]');
    const same = row && row.querySelector('button[data-action="' + CSS.escape(actionId) + '"]');
    const target = same || (sectionId && $('section-' + sectionId)) || $('center-title');
    target.focus();
  }

  function offerDownload(documentJson) {
    const blob = new Blob([JSON.stringify(documentJson, null, 2)], { type: 'application/json' });
    const link = element('a', { href: URL.createObjectURL(blob), download: 'confidant-export.json', textContent: ui.download });
    $('center-actions').append(link);
    link.focus();
  }

  async function perform(action, rowTitle, button) {
    if (action.confirm && !(await confirmed(action.confirm.text, action.label.text))) {
      button.focus();
      return;
    }
    const row = button.closest('li[data-row-id]');
    const rowId = row ? row.dataset.rowId : null;
    const section = button.closest('section');
    const sectionId = section ? section.id.replace(/^in-/, '') : null;
    // One action at a time (the dialog's buttons are not the model's).
    for (const other of $('center').querySelectorAll('button')) other.disabled = true;
    announce(ui.working);
    try {
      const response = await call({ request: 'action', action: action });
      const params = { label: action.label.text, row: rowTitle };
      if (response.model) {
        render(response.model);
        announce(fill(rowTitle ? ui.done : ui.doneNoRow, params));
        restoreFocus(rowId, action.id, sectionId);
      } else {
        $('sections').replaceChildren();
        $('center-actions').replaceChildren();
        announce(fill(ui.gone, params));
        $('center-title').focus();
      }
      if (response.result && response.result.export) offerDownload(response.result.export);
    } catch (error) {
      for (const other of $('center').querySelectorAll('button')) other.disabled = false;
      announce(fill(ui.failed, { message: error.message }), true);
      button.focus();
    }
  }

  async function load() {
    announce(ui.loading);
    try {
      render((await call({ request: 'model' })).model);
      announce('');
    } catch (error) {
      announce(fill(ui.failed, { message: error.message }), true);
    }
  }

  load();
})();
