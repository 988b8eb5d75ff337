// Switchboard web chat: plain JavaScript, no build step. Talks to /api/users (REST) and
// /ws/chat (WebSocket) with URLs relative to this page, so it works both on the
// messaging-service itself and through the gateway.
'use strict';

(() => {
	const TOKEN_KEY = 'switchboard.chat.token';
	const ROOMS_KEY = 'switchboard.chat.rooms';
	// direct messages are read from the inbox by pages of this size, newest first
	const INBOX_PAGE = 50;
	// a 'before' greater than every message id: the newest page of the inbox
	const LATEST = Number.MAX_SAFE_INTEGER;
	const api = (path) => new URL('../api/' + path, location.href).toString();
	const wsUrl = () => {
		const url = new URL('../ws/chat', location.href);
		url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		return url.toString();
	};
	const $ = (id) => document.getElementById(id);

	const state = {
		token: localStorage.getItem(TOKEN_KEY),
		nickname: null,
		userId: null,
		socket: null,
		connected: false,
		wanted: false, // whether the page wants to stay connected (false after sign-out)
		attempt: 0,
		reconnectTimer: null,
		rooms: new Set(JSON.parse(localStorage.getItem(ROOMS_KEY) || '["general"]')),
		conversations: new Map(), // '#room' or '@nick' -> { messages: Map(id -> message), unread, system: [] }
		current: null,
		online: new Set(),
		// how many are online and not listed: a crowded chat's welcome lists only some
		onlineUnlisted: 0,
		nextRef: 1,
		pendingJoins: new Map(), // ref -> room
		pendingOlder: new Map(), // ref -> '#room' whose older messages were asked for
		inbox: newInbox(),
	};

	// What the page has read of the inbox: every received message with an id in
	// [oldest, newest] is here, so older pages and catching up leave no gap.
	function newInbox() {
		return { oldest: null, newest: 0, complete: false, loading: null };
	}

	// ---- Views: one at a time -------------------------------------------------------------

	function show(view) {
		$('welcome-view').hidden = view !== 'welcome';
		$('token-view').hidden = view !== 'token';
		$('chat-view').hidden = view !== 'chat';
		$('session').hidden = view !== 'chat';
	}

	// ---- Sign up / sign in ------------------------------------------------------------

	$('signup-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		showWelcomeError('');
		const nickname = $('signup-nickname').value.trim();
		try {
			const response = await fetch(api('users'), {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ nickname }),
			});
			const body = await response.json();
			if (!response.ok) {
				showWelcomeError(body.detail || `Sign-up failed (${response.status})`);
				return;
			}
			$('token-value').textContent = body.token;
			$('copy-button').textContent = 'Copy';
			saveToken(body.token);
			show('token');
			$('continue-button').focus();
		}
		catch (error) {
			showWelcomeError('The service cannot be reached: ' + error.message);
		}
	});

	$('copy-button').addEventListener('click', async () => {
		try {
			await navigator.clipboard.writeText($('token-value').textContent);
			$('copy-button').textContent = 'Copied';
		}
		catch (error) {
			// clipboard needs https or localhost: select the text so that Ctrl+C works
			const range = document.createRange();
			range.selectNodeContents($('token-value'));
			getSelection().removeAllRanges();
			getSelection().addRange(range);
			$('copy-button').textContent = 'Press Ctrl+C';
		}
	});

	$('continue-button').addEventListener('click', () => {
		// the token is shown once: it leaves the page when the user moves on
		$('token-value').textContent = '';
		start();
	});

	$('signin-form').addEventListener('submit', (event) => {
		event.preventDefault();
		showWelcomeError('');
		saveToken($('signin-token').value.trim());
		start();
	});

	$('signout-button').addEventListener('click', () => signOut(''));

	function saveToken(token) {
		state.token = token;
		localStorage.setItem(TOKEN_KEY, token);
	}

	function signOut(reason) {
		state.wanted = false;
		state.connected = false;
		clearTimeout(state.reconnectTimer);
		localStorage.removeItem(TOKEN_KEY);
		state.token = null;
		state.nickname = null;
		state.userId = null;
		if (state.socket) {
			state.socket.close(1000, 'Signed out');
			state.socket = null;
		}
		state.conversations.clear();
		state.inbox = newInbox();
		state.current = null;
		$('messages').replaceChildren();
		$('me').textContent = '';
		$('signin-token').value = '';
		$('signup-nickname').value = '';
		show('welcome');
		showWelcomeError(reason);
	}

	function showWelcomeError(text) {
		$('welcome-error').textContent = text;
	}

	function start() {
		show('chat');
		select(state.current);
		state.wanted = true;
		connect();
	}

	// ---- Connection, with reconnection and back-off --------------------------------------

	function connect() {
		clearTimeout(state.reconnectTimer);
		setStatus('connecting');
		const socket = new WebSocket(wsUrl());
		state.socket = socket;
		socket.addEventListener('open', () => send({ type: 'auth', token: state.token }));
		socket.addEventListener('message', (event) => {
			if (socket === state.socket) {
				onFrame(JSON.parse(event.data));
			}
		});
		socket.addEventListener('close', (event) => {
			if (socket !== state.socket) {
				return;
			}
			state.connected = false;
			// pages of older messages asked on this socket will not come: ask again later
			for (const key of state.pendingOlder.values()) {
				conversation(key).loadingOlder = false;
			}
			state.pendingOlder.clear();
			renderOlderButton();
			setStatus('offline');
			enableComposer();
			if (state.authFailed) {
				state.authFailed = false;
				signOut('This token is not valid: sign up or sign in again.');
				return;
			}
			if (state.wanted) {
				scheduleReconnect(event.code);
			}
		});
	}

	function scheduleReconnect() {
		// 0.5 s, 1 s, 2 s, 4 s ... up to 15 s, with jitter so that clients do not all return at once
		const delay = Math.min(15000, 500 * 2 ** state.attempt) * (0.75 + Math.random() * 0.5);
		state.attempt++;
		setStatus('offline', `reconnecting in ${Math.round(delay / 1000)} s`);
		state.reconnectTimer = setTimeout(connect, delay);
	}

	function send(frame) {
		if (state.socket && state.socket.readyState === WebSocket.OPEN) {
			state.socket.send(JSON.stringify(frame));
			return true;
		}
		return false;
	}

	function ref() {
		return 'r' + state.nextRef++;
	}

	function setStatus(status, detail) {
		const element = $('connection-status');
		element.className = 'status ' + status;
		element.textContent = status;
		element.title = detail || status;
	}

	// ---- Frames from the server ---------------------------------------------------------

	function onFrame(frame) {
		switch (frame.type) {
			case 'welcome':
				state.connected = true;
				state.attempt = 0;
				state.nickname = frame.nickname;
				state.online = new Set(frame.online);
				state.onlineUnlisted = Math.max(0, (frame.onlineCount || 0) - state.online.size);
				$('me').textContent = frame.nickname;
				setStatus('online');
				for (const room of state.rooms) {
					join(room);
				}
				loadInbox();
				renderSidebar();
				enableComposer();
				break;
			case 'history':
				if (frame.before !== undefined) {
					olderArrived(frame);
					break;
				}
				state.pendingJoins.delete(frame.ref);
				conversation('#' + frame.room);
				addMessages(frame.messages, false);
				if (!state.current) {
					select('#' + frame.room);
				}
				renderSidebar();
				break;
			case 'message':
				addMessages([frame], true);
				break;
			case 'presence':
				if (frame.joined) {
					state.online.add(frame.joined);
				}
				if (frame.left) {
					state.online.delete(frame.left);
				}
				if (frame.online && !frame.room) {
					state.online = new Set(frame.online);
					state.onlineUnlisted = 0;
				}
				renderSidebar();
				break;
			case 'error':
				onError(frame);
				break;
		}
	}

	function onError(frame) {
		if (!state.connected && /token|Authenticate/i.test(frame.message)) {
			state.authFailed = true;
			return;
		}
		const older = state.pendingOlder.get(frame.ref);
		if (older) {
			state.pendingOlder.delete(frame.ref);
			conversation(older).loadingOlder = false;
			renderOlderButton();
		}
		const room = state.pendingJoins.get(frame.ref);
		if (room) {
			state.pendingJoins.delete(frame.ref);
			state.rooms.delete(room);
			saveRooms();
			renderSidebar();
		}
		systemLine(frame.message, true);
	}

	function isMe(nickname) {
		return nickname.toLowerCase() === (state.nickname || '').toLowerCase();
	}

	function keyOf(message) {
		if (message.room) {
			return '#' + message.room;
		}
		return '@' + (isMe(message.from) ? message.to : message.from);
	}

	// Store messages (from history, the inbox or live); each id once, whatever the order.
	function addMessages(messages, live) {
		const added = [];
		for (const message of messages) {
			const key = keyOf(message);
			const conv = conversation(key);
			if (conv.messages.has(message.id)) {
				continue;
			}
			conv.messages.set(message.id, message);
			if (live && key !== state.current && !isMe(message.from)) {
				conv.unread++;
			}
			if (key === state.current) {
				added.push(message);
			}
		}
		if (added.length) {
			insertLines(added);
		}
		renderSidebar();
	}

	// ---- Direct messages: the inbox, newest first, older on demand -----------------------

	async function userId() {
		if (!state.userId) {
			const response = await fetch(api('users?nickname=' + encodeURIComponent(state.nickname)));
			const users = await response.json();
			state.userId = users.length ? users[0].id : null;
		}
		return state.userId;
	}

	async function inboxPage(query) {
		const response = await fetch(api(`users/${state.userId}/messages?${query}`), {
			headers: { Authorization: 'Bearer ' + state.token },
		});
		if (!response.ok) {
			throw new Error(`inbox: ${response.status}`);
		}
		return response.json();
	}

	async function loadInbox() {
		try {
			if (!await userId()) {
				return;
			}
			if (state.inbox.oldest === null) {
				await loadOlderInbox();
			}
			else {
				await catchUpInbox();
			}
		}
		catch (error) {
			// the inbox is a convenience: live messages still arrive
		}
	}

	// The page before the oldest read (at first: the newest page), newest first.
	function loadOlderInbox() {
		const inbox = state.inbox;
		if (inbox.complete) {
			return Promise.resolve();
		}
		if (!inbox.loading) {
			inbox.loading = (async () => {
				try {
					const page = await inboxPage(`before=${inbox.oldest ?? LATEST}&limit=${INBOX_PAGE}`);
					if (inbox !== state.inbox) {
						return; // signed out meanwhile
					}
					if (page.length) {
						inbox.oldest = page[page.length - 1].id;
						inbox.newest = Math.max(inbox.newest, page[0].id);
					}
					else if (inbox.oldest === null) {
						inbox.oldest = LATEST;
					}
					inbox.complete = page.length < INBOX_PAGE;
					addMessages(page, false);
				}
				finally {
					inbox.loading = null;
					renderOlderButton();
				}
			})();
			renderOlderButton();
		}
		return inbox.loading;
	}

	// After a reconnection: what arrived since the newest read, oldest first.
	async function catchUpInbox() {
		const inbox = state.inbox;
		const limit = 100;
		for (let i = 0; i < 50; i++) {
			const page = await inboxPage(`since=${inbox.newest}&limit=${limit}`);
			if (inbox !== state.inbox) {
				return;
			}
			if (page.length) {
				inbox.newest = page[page.length - 1].id;
			}
			addMessages(page, true);
			if (page.length < limit) {
				return;
			}
		}
	}

	// ---- Rooms and conversations --------------------------------------------------------

	$('join-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const room = $('room-input').value.trim().replace(/^#/, '');
		if (room) {
			state.rooms.add(room);
			saveRooms();
			join(room);
			select('#' + room);
			$('room-input').value = '';
		}
	});

	$('leave-button').addEventListener('click', () => {
		if (state.current && state.current.startsWith('#')) {
			const room = state.current.slice(1);
			send({ type: 'leave', room, ref: ref() });
			state.rooms.delete(room);
			state.conversations.delete(state.current);
			saveRooms();
			state.current = null;
			select(state.rooms.size ? '#' + [...state.rooms][0] : null);
		}
	});

	$('older-button').addEventListener('click', () => loadOlder());

	$('message-pane').addEventListener('scroll', () => {
		if ($('message-pane').scrollTop === 0 && !$('older-button').hidden) {
			loadOlder();
		}
	});

	// Joining again after a reconnection asks only for what was said since the last
	// message the page has; a server that ignores 'since' answers the latest messages,
	// which are stored once each all the same.
	function join(room) {
		const r = ref();
		state.pendingJoins.set(r, room);
		const frame = { type: 'join', room, ref: r };
		const conv = state.conversations.get('#' + room);
		if (conv && conv.messages.size) {
			frame.since = Math.max(...conv.messages.keys());
		}
		send(frame);
	}

	function saveRooms() {
		localStorage.setItem(ROOMS_KEY, JSON.stringify([...state.rooms]));
	}

	function conversation(key) {
		let conv = state.conversations.get(key);
		if (!conv) {
			conv = { messages: new Map(), unread: 0, system: [] };
			state.conversations.set(key, conv);
		}
		return conv;
	}

	function select(key) {
		state.current = key;
		if (key) {
			conversation(key).unread = 0;
		}
		$('conversation-kind').textContent = !key ? '' : key.startsWith('@') ? 'Direct messages with' : 'Room';
		$('conversation-title').textContent = key ? (key.startsWith('@') ? key.slice(1) : key)
			: 'Pick a room or a person';
		$('leave-button').hidden = !(key && key.startsWith('#'));
		renderMessages();
		renderSidebar();
		enableComposer();
	}

	// Older messages of the current conversation: for a room, the page before the oldest
	// message shown (a 'history' frame with 'before'); for a DM, inbox pages until one holds
	// a message of this conversation (or the inbox has no more).
	async function loadOlder() {
		const key = state.current;
		if (key && key.startsWith('#')) {
			loadOlderRoom(key);
			return;
		}
		if (!key || !key.startsWith('@')) {
			return;
		}
		const conv = conversation(key);
		const before = conv.messages.size;
		try {
			for (let i = 0; i < 20 && !state.inbox.complete && conv.messages.size === before; i++) {
				await loadOlderInbox();
			}
		}
		catch (error) {
			systemLine('Older messages cannot be read now: ' + error.message, true);
		}
	}

	function loadOlderRoom(key) {
		const conv = conversation(key);
		if (conv.complete || conv.loadingOlder || !state.connected) {
			return;
		}
		if (!conv.messages.size) {
			conv.complete = true;
			renderOlderButton();
			return;
		}
		const r = ref();
		state.pendingOlder.set(r, key);
		conv.loadingOlder = true;
		renderOlderButton();
		send({ type: 'history', room: key.slice(1), before: Math.min(...conv.messages.keys()), ref: r });
	}

	// A page of a room's older messages: stored once each; an empty page means there is none
	// older.
	function olderArrived(frame) {
		const key = state.pendingOlder.get(frame.ref) || '#' + frame.room;
		state.pendingOlder.delete(frame.ref);
		const conv = conversation(key);
		conv.loadingOlder = false;
		if (!frame.messages.length) {
			conv.complete = true;
		}
		addMessages(frame.messages, false);
		renderOlderButton();
	}

	function systemLine(text, error) {
		const key = state.current;
		if (key) {
			const line = { text, error, at: Date.now() };
			conversation(key).system.push(line);
			$('messages').append(systemLineElement(line));
			scrollToEnd();
		}
		else {
			showWelcomeError(text);
		}
	}

	// ---- Sending ------------------------------------------------------------------------

	$('composer').addEventListener('submit', (event) => {
		event.preventDefault();
		const input = $('composer-input');
		const text = input.value;
		if (!text.trim() || !state.current) {
			return;
		}
		const frame = state.current.startsWith('#')
			? { type: 'say', room: state.current.slice(1), text, ref: ref() }
			: { type: 'dm', to: state.current.slice(1), text, ref: ref() };
		if (send(frame)) {
			input.value = '';
		}
	});

	function enableComposer() {
		const enabled = state.connected && !!state.current;
		$('composer-input').disabled = !enabled;
		$('send-button').disabled = !enabled;
	}

	// ---- Rendering ----------------------------------------------------------------------

	function renderSidebar() {
		// the entries are rebuilt: the one that had the focus gets it back
		const focused = document.activeElement && document.activeElement.closest('nav li button');
		const focusedKey = focused ? focused.dataset.key : null;
		const rooms = [...state.rooms].sort();
		$('rooms').replaceChildren(...rooms.map((room) => entry('#' + room, '#' + room, { room })));
		const dms = [...state.conversations.keys()].filter((key) => key.startsWith('@')).sort();
		$('dms').replaceChildren(...dms.map((key) => entry(key, key.slice(1), { dm: key.slice(1) })));
		const online = [...state.online].sort((a, b) => a.localeCompare(b));
		$('online-heading').textContent = state.onlineUnlisted
			? `Online: ${online.length + state.onlineUnlisted} (${online.length} listed)`
			: 'Online';
		$('online').replaceChildren(...online.map((nick) => {
			const li = entry('@' + nick, nick, { nick }, 'online:');
			li.firstChild.title = isMe(nick) ? 'you' : 'Send a direct message';
			return li;
		}));
		if (focusedKey) {
			const again = document.querySelector(`nav li button[data-key="${CSS.escape(focusedKey)}"]`);
			if (again) {
				again.focus();
			}
		}
		const unread = [...state.conversations.values()].reduce((sum, conv) => sum + conv.unread, 0);
		const where = state.current ? (state.current.startsWith('@') ? state.current.slice(1) : state.current) : null;
		document.title = (unread ? `(${unread}) ` : '') + (where ? where + ' · ' : '') + 'Switchboard chat';
	}

	// A sidebar entry: a button that opens its conversation (Tab reaches it, Enter opens it).
	function entry(key, label, data, prefix = '') {
		const li = document.createElement('li');
		const button = document.createElement('button');
		button.type = 'button';
		Object.assign(button.dataset, data);
		button.dataset.key = prefix + key;
		if (key === state.current && !prefix) {
			button.setAttribute('aria-current', 'true');
		}
		const name = document.createElement('span');
		name.textContent = label;
		button.append(name);
		const conv = state.conversations.get(key);
		if (conv && conv.unread && !prefix) {
			const badge = document.createElement('span');
			badge.className = 'unread';
			badge.textContent = conv.unread;
			badge.setAttribute('aria-label', `${conv.unread} unread`);
			button.append(badge);
		}
		button.addEventListener('click', () => {
			conversation(key);
			select(key);
			if (!$('composer-input').disabled) {
				$('composer-input').focus();
			}
		});
		li.append(button);
		return li;
	}

	function renderOlderButton() {
		const key = state.current;
		if (key && key.startsWith('#')) {
			const conv = conversation(key);
			$('older-button').hidden = !!conv.complete;
			$('older-button').disabled = !!conv.loadingOlder;
			return;
		}
		$('older-button').hidden = !(key && key.startsWith('@') && !state.inbox.complete);
		$('older-button').disabled = !!state.inbox.loading;
	}

	// The whole conversation, when the user opens another one.
	function renderMessages() {
		const list = $('messages');
		const conv = state.current ? state.conversations.get(state.current) : null;
		list.setAttribute('aria-busy', 'true');
		if (!conv) {
			list.replaceChildren();
		}
		else {
			const lines = [...conv.messages.values()].sort((a, b) => a.id - b.id).map(messageLine);
			lines.push(...conv.system.map(systemLineElement));
			list.replaceChildren(...lines);
		}
		list.removeAttribute('aria-busy');
		renderOlderButton();
		scrollToEnd();
	}

	// New messages of the open conversation, each at its place by id: live ones at the
	// end (and announced by the live region), older ones at the top without moving what
	// the user reads.
	function insertLines(messages) {
		const pane = $('message-pane');
		const list = $('messages');
		const atEnd = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
		const fromEnd = pane.scrollHeight - pane.scrollTop;
		const rendered = [...list.querySelectorAll('li.message')];
		const newest = rendered.length ? Number(rendered[rendered.length - 1].dataset.id) : -Infinity;
		let older = false;
		for (const message of [...messages].sort((a, b) => a.id - b.id)) {
			const line = messageLine(message);
			if (message.id > newest) {
				const all = list.querySelectorAll('li.message');
				let after = all.length ? all[all.length - 1] : null;
				while (after && after.nextElementSibling && after.nextElementSibling.classList.contains('system')) {
					after = after.nextElementSibling;
				}
				if (after) {
					after.after(line);
				}
				else {
					list.append(line);
				}
			}
			else {
				older = true;
				const next = [...list.querySelectorAll('li.message')].find((li) => Number(li.dataset.id) > message.id);
				list.insertBefore(line, next || null);
			}
		}
		if (older && !atEnd) {
			pane.scrollTop = pane.scrollHeight - fromEnd;
		}
		else if (atEnd) {
			scrollToEnd();
		}
	}

	function scrollToEnd() {
		const pane = $('message-pane');
		pane.scrollTop = pane.scrollHeight;
	}

	function systemLineElement(line) {
		const li = document.createElement('li');
		li.className = 'system' + (line.error ? ' error' : '');
		li.textContent = line.text;
		return li;
	}

	function messageLine(message) {
		const li = document.createElement('li');
		li.className = 'message';
		li.dataset.id = message.id;
		if (isMe(message.from)) {
			li.classList.add('mine');
		}
		const time = document.createElement('time');
		time.className = 'time';
		time.dateTime = message.sentAt;
		time.textContent = new Date(message.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
		const from = document.createElement('span');
		from.className = 'from';
		from.textContent = message.from;
		const text = document.createElement('span');
		text.className = 'text';
		text.textContent = message.text;
		li.append(time, from, text);
		return li;
	}

	if (state.token) {
		start();
	}
	else {
		show('welcome');
	}
})();
