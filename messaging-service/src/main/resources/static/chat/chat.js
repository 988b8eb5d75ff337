// Switchboard web chat: plain JavaScript, no build step. Talks to /api/users (REST) and
// /ws/chat (WebSocket, SPEC §5) with URLs relative to this page, so it works both on the
// messaging-service itself and through the gateway.
'use strict';

(() => {
	const TOKEN_KEY = 'switchboard.chat.token';
	const ROOMS_KEY = 'switchboard.chat.rooms';
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
		nextRef: 1,
		pendingJoins: new Map(), // ref -> room
	};

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
			$('token-box').hidden = false;
			$('signup-form').hidden = true;
			saveToken(body.token);
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

	$('continue-button').addEventListener('click', () => start());

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
		clearTimeout(state.reconnectTimer);
		localStorage.removeItem(TOKEN_KEY);
		state.token = null;
		if (state.socket) {
			state.socket.close(1000, 'Signed out');
		}
		state.conversations.clear();
		state.current = null;
		$('messages').replaceChildren();
		$('chat-view').hidden = true;
		$('session').hidden = true;
		$('welcome-view').hidden = false;
		$('token-box').hidden = true;
		$('signup-form').hidden = false;
		$('signin-token').value = '';
		showWelcomeError(reason);
	}

	function showWelcomeError(text) {
		$('welcome-error').textContent = text;
	}

	function start() {
		$('welcome-view').hidden = true;
		$('chat-view').hidden = false;
		$('session').hidden = false;
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
				state.pendingJoins.delete(frame.ref);
				conversation('#' + frame.room);
				for (const message of frame.messages) {
					addMessage(message, false);
				}
				if (!state.current) {
					select('#' + frame.room);
				}
				renderSidebar();
				if (state.current === '#' + frame.room) {
					renderMessages();
				}
				break;
			case 'message':
				addMessage(frame, true);
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
		const room = state.pendingJoins.get(frame.ref);
		if (room) {
			state.pendingJoins.delete(frame.ref);
			state.rooms.delete(room);
			saveRooms();
			renderSidebar();
		}
		systemLine(frame.message, true);
	}

	function keyOf(message) {
		if (message.room) {
			return '#' + message.room;
		}
		const other = message.from.toLowerCase() === (state.nickname || '').toLowerCase() ? message.to : message.from;
		return '@' + other;
	}

	function addMessage(message, live) {
		const key = keyOf(message);
		const conv = conversation(key);
		if (conv.messages.has(message.id)) {
			return;
		}
		conv.messages.set(message.id, message);
		const mine = message.from.toLowerCase() === (state.nickname || '').toLowerCase();
		if (live && key !== state.current && !mine) {
			conv.unread++;
		}
		if (key === state.current) {
			renderMessages();
		}
		renderSidebar();
	}

	async function loadInbox() {
		try {
			if (!state.userId) {
				const response = await fetch(api('users?nickname=' + encodeURIComponent(state.nickname)));
				const users = await response.json();
				state.userId = users.length ? users[0].id : null;
			}
			if (!state.userId) {
				return;
			}
			const response = await fetch(api(`users/${state.userId}/messages?limit=1000`), {
				headers: { Authorization: 'Bearer ' + state.token },
			});
			if (response.ok) {
				for (const message of await response.json()) {
					addMessage(message, false);
				}
			}
		}
		catch (error) {
			// the inbox is a convenience: live messages still arrive
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

	function join(room) {
		const r = ref();
		state.pendingJoins.set(r, room);
		send({ type: 'join', room, ref: r });
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
		$('conversation-title').textContent = key ? (key.startsWith('@') ? key.slice(1) : key)
			: 'Pick a room or a person';
		$('leave-button').hidden = !(key && key.startsWith('#'));
		renderMessages();
		renderSidebar();
		enableComposer();
	}

	function systemLine(text, error) {
		const key = state.current;
		if (key) {
			conversation(key).system.push({ text, error, at: Date.now() });
			renderMessages();
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
		const rooms = [...state.rooms].sort();
		$('rooms').replaceChildren(...rooms.map((room) => item('#' + room, '#' + room, { room })));
		const dms = [...state.conversations.keys()].filter((key) => key.startsWith('@')).sort();
		$('dms').replaceChildren(...dms.map((key) => item(key, key.slice(1), { dm: key.slice(1) })));
		const online = [...state.online].sort((a, b) => a.localeCompare(b));
		$('online').replaceChildren(...online.map((nick) => {
			const li = document.createElement('li');
			li.textContent = nick;
			li.dataset.nick = nick;
			li.title = nick.toLowerCase() === (state.nickname || '').toLowerCase() ? 'you' : 'Send a direct message';
			li.addEventListener('click', () => {
				conversation('@' + nick);
				select('@' + nick);
			});
			return li;
		}));
		const unread = [...state.conversations.values()].reduce((sum, conv) => sum + conv.unread, 0);
		document.title = (unread ? `(${unread}) ` : '') + 'Switchboard chat';
	}

	function item(key, label, data) {
		const li = document.createElement('li');
		Object.assign(li.dataset, data);
		if (key === state.current) {
			li.classList.add('current');
		}
		const name = document.createElement('span');
		name.textContent = label;
		li.append(name);
		const conv = state.conversations.get(key);
		if (conv && conv.unread) {
			const badge = document.createElement('span');
			badge.className = 'unread';
			badge.textContent = conv.unread;
			li.append(badge);
		}
		li.addEventListener('click', () => select(key));
		return li;
	}

	function renderMessages() {
		const list = $('messages');
		const conv = state.current ? state.conversations.get(state.current) : null;
		if (!conv) {
			list.replaceChildren();
			return;
		}
		const lines = [...conv.messages.values()].sort((a, b) => a.id - b.id).map(messageLine);
		lines.push(...conv.system.map((line) => {
			const li = document.createElement('li');
			li.className = 'system' + (line.error ? ' error' : '');
			li.textContent = line.text;
			return li;
		}));
		list.replaceChildren(...lines);
		list.scrollTop = list.scrollHeight;
	}

	function messageLine(message) {
		const li = document.createElement('li');
		li.className = 'message';
		li.dataset.id = message.id;
		if (message.from.toLowerCase() === (state.nickname || '').toLowerCase()) {
			li.classList.add('mine');
		}
		const time = document.createElement('span');
		time.className = 'time';
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
})();
