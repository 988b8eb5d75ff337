// Upload page of fileshare-service: picks files and folders (drag and drop, or the file
// and folder pickers), uploads them with a progress bar, shows the link, its QR code and
// the delete token. Every URL is relative, so the page works on the service and through
// the gateway alike.
'use strict';

(() => {
  const byId = (id) => document.getElementById(id);
  const form = byId('upload-form');
  const dropZone = byId('drop-zone');
  const fileInput = byId('file-input');
  const folderInput = byId('folder-input');
  const fileList = byId('file-list');
  const summary = byId('selection-summary');
  const shareButton = byId('share-button');
  const clearButton = byId('clear-button');
  const progress = byId('progress');
  const progressBar = byId('progress-bar');
  const progressText = byId('progress-text');
  const error = byId('error');
  const result = byId('result');

  /** The files to upload: each a File and its relative name ("photos/2024/a.jpg"). */
  let selection = [];

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
    error.textContent = message;
    error.hidden = !message;
  };

  const render = () => {
    fileList.replaceChildren(...selection.slice(0, 500).map(({ file, name }) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = name;
      const size = document.createElement('span');
      size.className = 'size';
      size.textContent = formatSize(file.size);
      item.append(label, size);
      return item;
    }));
    const total = selection.reduce((sum, { file }) => sum + file.size, 0);
    summary.textContent = selection.length === 0 ? ''
      : `${selection.length} file${selection.length === 1 ? '' : 's'}, ${formatSize(total)}`
        + (selection.length > 500 ? ' (first 500 listed)' : '');
    shareButton.disabled = selection.length === 0;
    clearButton.disabled = selection.length === 0;
  };

  const add = (file, name) => {
    selection.push({ file, name: name || file.name });
  };

  // Directory entries are read in batches: readEntries answers an empty batch at the end
  const readAll = (reader) => new Promise((resolve, reject) => {
    const entries = [];
    const next = () => reader.readEntries((batch) => {
      if (batch.length === 0) {
        resolve(entries);
      } else {
        entries.push(...batch);
        next();
      }
    }, reject);
    next();
  });

  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      add(file, prefix + entry.name);
    } else if (entry.isDirectory) {
      for (const child of await readAll(entry.createReader())) {
        await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };

  ['dragenter', 'dragover'].forEach((type) => dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  }));
  ['dragleave', 'dragend'].forEach((type) => dropZone.addEventListener(type, () => {
    dropZone.classList.remove('dragging');
  }));
  dropZone.addEventListener('drop', async (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    showError('');
    const items = [...(event.dataTransfer.items || [])].filter((item) => item.kind === 'file');
    // Entries and files must be taken while the event is being dispatched
    const dropped = items.map((item) => ({
      entry: item.webkitGetAsEntry ? item.webkitGetAsEntry() : null,
      file: item.getAsFile(),
    }));
    if (dropped.length === 0) {
      [...(event.dataTransfer.files || [])].forEach((file) => add(file));
    }
    try {
      for (const { entry, file } of dropped) {
        if (entry) {
          await walk(entry, '');
        } else if (file) {
          add(file);
        }
      }
    } catch (failure) {
      showError(`Cannot read what was dropped: ${failure.message || failure}`);
    }
    render();
  });

  fileInput.addEventListener('change', () => {
    [...fileInput.files].forEach((file) => add(file));
    fileInput.value = '';
    render();
  });
  folderInput.addEventListener('change', () => {
    [...folderInput.files].forEach((file) => add(file, file.webkitRelativePath));
    folderInput.value = '';
    render();
  });
  clearButton.addEventListener('click', () => {
    selection = [];
    render();
  });

  const problemDetail = (xhr) => {
    try {
      const problem = JSON.parse(xhr.responseText);
      if (problem.detail) {
        return problem.detail;
      }
    } catch (ignored) {
      // not problem JSON
    }
    return `The upload failed (HTTP ${xhr.status}).`;
  };

  const upload = () => {
    const data = new FormData();
    // Options first, so that the service checks them before receiving the files
    data.append('maxDownloads', byId('max-downloads').value);
    data.append('expiresInSeconds', byId('expires-in').value);
    selection.forEach(({ file, name }) => data.append('file', file, name));

    const xhr = new XMLHttpRequest();
    const started = performance.now();
    xhr.open('POST', '../api/shares');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        const percent = Math.floor((event.loaded / event.total) * 100);
        const seconds = (performance.now() - started) / 1000;
        progressBar.value = percent;
        progressText.textContent = `${percent} % · ${formatSize(event.loaded)} of ${formatSize(event.total)}`
          + (seconds > 0.5 ? ` · ${formatSize(event.loaded / seconds)}/s` : '');
      }
    });
    xhr.addEventListener('load', () => {
      setBusy(false);
      if (xhr.status === 201) {
        showResult(JSON.parse(xhr.responseText));
      } else {
        progress.hidden = true;
        showError(problemDetail(xhr));
      }
    });
    xhr.addEventListener('error', () => {
      setBusy(false);
      progress.hidden = true;
      showError('The upload failed: the connection was lost.');
    });
    setBusy(true);
    progressBar.value = 0;
    progressText.textContent = '0 %';
    progress.hidden = false;
    showError('');
    xhr.send(data);
  };

  const setBusy = (busy) => {
    [shareButton, clearButton, fileInput, folderInput].forEach((control) => {
      control.disabled = busy;
    });
    if (!busy) {
      render();
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.reportValidity() && selection.length > 0) {
      upload();
    }
  });

  const showResult = (share) => {
    form.hidden = true;
    progressText.textContent = 'Done';
    const pageUrl = new URL(`d/${encodeURIComponent(share.token)}`, window.location.href).href;
    byId('share-url').value = share.url;
    byId('qr-code').src = `../api/shares/${encodeURIComponent(share.token)}/qr`;
    const pageLink = byId('page-link');
    pageLink.href = pageUrl;
    pageLink.textContent = pageUrl;
    const expires = new Date(share.expiresAt).toLocaleString();
    byId('share-summary').textContent = `${share.name} · ${formatSize(share.size)} · `
      + `${share.maxDownloads} download${share.maxDownloads === 1 ? '' : 's'} · expires ${expires}`;
    byId('delete-token').textContent = share.deleteToken;
    byId('delete-status').textContent = '';
    byId('delete-button').disabled = false;
    byId('delete-button').onclick = () => deleteShare(share);
    result.hidden = false;
  };

  const deleteShare = async (share) => {
    const status = byId('delete-status');
    const response = await fetch(`../api/shares/${encodeURIComponent(share.token)}`, {
      method: 'DELETE',
      headers: { 'X-Delete-Token': share.deleteToken },
    });
    if (response.status === 204) {
      status.textContent = 'Deleted: the link no longer works.';
      byId('delete-button').disabled = true;
    } else {
      const problem = await response.json().catch(() => ({}));
      status.textContent = problem.detail || `The delete failed (HTTP ${response.status}).`;
    }
  };

  byId('copy-button').addEventListener('click', async () => {
    const field = byId('share-url');
    const status = byId('copy-status');
    try {
      // The clipboard API needs a secure context (https or localhost)
      await navigator.clipboard.writeText(field.value);
      status.textContent = 'Copied.';
    } catch (ignored) {
      field.select();
      status.textContent = document.execCommand('copy') ? 'Copied.' : 'Press Ctrl+C to copy.';
    }
  });

  byId('again-button').addEventListener('click', () => {
    selection = [];
    result.hidden = true;
    progress.hidden = true;
    form.hidden = false;
    render();
  });

  render();
})();
