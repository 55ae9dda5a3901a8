// The one-function bridge over HTTP, for `confidant privacy-center --serve`:
// the served page carries a per-run token (a meta tag the server fills in),
// and every request must present it, so no other page can drive the store.
'use strict';

window.confidantBridge = async function (requestJson) {
  const request = JSON.parse(requestJson);
  const token = document.querySelector('meta[name="confidant-bridge-token"]').content;
  const path = request.request === 'action' ? 'action' : 'model';
  const body = request.request === 'action' ? JSON.stringify(request.action) : '{}';
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Confidant-Token': token },
    body: body,
    cache: 'no-store',
  });
  return response.text();
};
