// Download page of fileshare-service (/share/d/{token}): shows a share's name, size and
// downloads left from GET /api/shares/{token}, which never counts, with a download button.
'use strict';

(() => {
  const byId = (id) => document.getElementById(id);
  const token = decodeURIComponent(window.location.pathname.split('/').filter(Boolean).pop() || '');
  const api = `../../api/shares/${encodeURIComponent(token)}`;

  const formatSize = (bytes) => {
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
  };

  const showError = (message) => {
    byId('loading').hidden = true;
    byId('details').hidden = true;
    byId('error').textContent = message;
    byId('error').hidden = false;
  };

  const show = (share) => {
    byId('loading').hidden = true;
    document.title = `${share.name} · Download · Switchboard`;
    byId('share-name').textContent = share.name;
    byId('share-size').textContent = formatSize(share.size);
    byId('downloads-left').textContent = `${share.downloadsLeft} download${share.downloadsLeft === 1 ? '' : 's'} left`;
    byId('expires').textContent = `expires ${new Date(share.expiresAt).toLocaleString()}`;
    byId('share-files').replaceChildren(...(share.files.length > 1 ? share.files : []).slice(0, 500).map((file) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = file.name;
      const size = document.createElement('span');
      size.className = 'size';
      size.textContent = formatSize(file.size);
      item.append(name, size);
      return item;
    }));
    const button = byId('download-button');
    button.href = `../../s/${encodeURIComponent(share.token)}`;
    const unavailable = byId('unavailable');
    if (share.state === 'available') {
      button.classList.remove('disabled');
      button.removeAttribute('aria-disabled');
      unavailable.hidden = true;
    } else {
      button.classList.add('disabled');
      button.setAttribute('aria-disabled', 'true');
      unavailable.textContent = share.state === 'expired'
        ? 'This share has expired.' : 'This share has no downloads left.';
      unavailable.hidden = false;
    }
    byId('details').hidden = false;
  };

  const load = async () => {
    try {
      const response = await fetch(api, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        show(await response.json());
      } else if (response.status === 404) {
        showError('No share has this link: it never existed, was deleted, or ended long ago.');
      } else {
        const problem = await response.json().catch(() => ({}));
        showError(problem.detail || `Cannot load this share (HTTP ${response.status}).`);
      }
    } catch (failure) {
      showError('Cannot reach the service.');
    }
  };

  // After a download starts, show the new count of downloads left
  byId('download-button').addEventListener('click', () => setTimeout(load, 1500));

  load();
})();
