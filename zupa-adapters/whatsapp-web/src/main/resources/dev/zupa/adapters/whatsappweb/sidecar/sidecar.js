#!/usr/bin/env node
// Zupa's whatsapp-web.js sidecar: one WhatsApp Web session, driven by the JVM (dev.zupa.adapters.whatsappweb).
//
// Protocol (version 1), one JSON object per line:
//   stdout  events  {"event":"qr"|"authenticated"|"auth_failure"|"ready"|"disconnected"|"message"|"message_ack"|
//                    "fatal", ...}
//           replies {"event":"reply","id":"7","ok":true,"result":{...}} or {"event":"reply","id":"7","ok":false,
//                    "code":"not_ready"|"bad_request"|"media_unavailable"|"failed","error":"..."}
//   stdin   commands {"id":"7","cmd":"send_text"|"send_voice"|"download_media"|"typing"|"shutdown", ...}
//   stderr  free-form logs
//
// Settings come from the environment: ZUPA_WWEBJS_DATA_PATH (LocalAuth dataPath), ZUPA_WWEBJS_CLIENT_ID,
// ZUPA_WWEBJS_CHROMIUM (the browser executable) and ZUPA_WWEBJS_MODULE (the library to load; tests point it at a
// scripted stand-in exporting Client, LocalAuth and MessageMedia). `node sidecar.js --check` loads the library,
// prints {"event":"check",...} with its version and exits.
'use strict';

const readline = require('readline');
const util = require('util');

const PROTOCOL = 1;
const SHUTDOWN_GRACE_MS = 5000;
const AUDIO_TYPES = new Set(['ptt', 'audio']);
const REMEMBERED_MESSAGES = 200;
const LIBRARY = 'whatsapp-web.js';

const config = {
    module: process.env.ZUPA_WWEBJS_MODULE || LIBRARY,
    dataPath: process.env.ZUPA_WWEBJS_DATA_PATH || './.wwebjs_auth',
    clientId: process.env.ZUPA_WWEBJS_CLIENT_ID || 'zupa',
    chromium: process.env.ZUPA_WWEBJS_CHROMIUM || '/usr/bin/chromium',
};

function log(level, ...args) {
    process.stderr.write(`[${level}] ${util.format(...args)}\n`);
}

// Libraries (puppeteer, whatsapp-web.js) may print through console.*; stdout belongs to the protocol, so every
// console method writes to stderr instead.
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    console[level] = (...args) => log(level, ...args);
}

function emit(event) {
    process.stdout.write(JSON.stringify(event) + '\n');
}

// Exits once everything written to stdout has been flushed: pipes are asynchronous on some platforms, and the
// last line (a reply to shutdown, a fatal error) must reach the JVM.
function exit(code) {
    process.stdout.write('', () => process.exit(code));
}

function fatal(message) {
    emit({ event: 'fatal', error: message });
    exit(1);
}

class CommandError extends Error {
    constructor(code, message) {
        super(message);
        this.zupaCode = code;
    }
}

function loadLibrary() {
    try {
        return require(config.module);
    } catch (e) {
        if (config.module === LIBRARY && e.code === 'MODULE_NOT_FOUND') {
            throw new Error(`${LIBRARY} is not installed: run "npm ci" in ${__dirname} or point NODE_PATH at its ` +
                `node_modules (${e.message.split('\n')[0]})`);
        }
        throw new Error(`cannot load ${config.module}: ${e.message}`);
    }
}

function withTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
        timer.unref();
    });
    return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

function check() {
    let library;
    try {
        library = loadLibrary();
    } catch (e) {
        fatal(e.message);
        return;
    }
    emit({ event: 'check', protocol: PROTOCOL, module: config.module, version: library.version || null,
        node: process.version });
    exit(0);
}

function run() {
    let library;
    try {
        library = loadLibrary();
    } catch (e) {
        fatal(e.message);
        return;
    }
    const { Client, LocalAuth, MessageMedia } = library;
    const client = new Client({
        authStrategy: new LocalAuth({ clientId: config.clientId, dataPath: config.dataPath }),
        puppeteer: {
            headless: true,
            executablePath: config.chromium,
            args: ['--no-sandbox', '--disable-setuid-sandbox', '--disable-dev-shm-usage'],
        },
    });
    const session = { client, MessageMedia, ready: false, stopping: false, remembered: new Map() };

    client.on('qr', (qr) => emit({ event: 'qr', qr: String(qr) }));
    client.on('authenticated', () => emit({ event: 'authenticated' }));
    client.on('auth_failure', (message) => {
        session.ready = false;
        emit({ event: 'auth_failure', message: String(message || 'authentication failed') });
        // The stored session is unusable: wipe it so that the restart asks for a new QR scan.
        stop(session, 2, true);
    });
    client.on('ready', () => {
        session.ready = true;
        emit({ event: 'ready', version: library.version || null });
    });
    client.on('disconnected', (reason) => {
        session.ready = false;
        emit({ event: 'disconnected', reason: String(reason) });
        // After LOGOUT the library wipes the session and shows a new QR by itself; after any other reason it
        // destroys the client, so the process ends and the JVM starts a fresh one.
        if (reason !== 'LOGOUT') {
            stop(session, 3, false);
        }
    });
    // Media downloads are awaited, so messages are forwarded one at a time to keep their order.
    let inbound = Promise.resolve();
    client.on('message', (msg) => {
        inbound = inbound.then(() => forward(session, msg)).catch((e) => log('error', 'cannot forward a message:', e));
    });
    client.on('message_ack', (msg, ack) => {
        try {
            acknowledge(msg, ack);
        } catch (e) {
            log('error', 'cannot forward a message ack:', e);
        }
    });

    const commands = readline.createInterface({ input: process.stdin });
    commands.on('line', (line) => receive(session, line));
    // The JVM closes stdin when it goes away: never leave a headless browser behind.
    commands.on('close', () => stop(session, 0, false));
    // A signal while already stopping means the JVM has run out of patience: leave at once.
    const signalled = () => (session.stopping ? exit(0) : stop(session, 0, false));
    process.on('SIGTERM', signalled);
    process.on('SIGINT', signalled);
    process.on('unhandledRejection', (e) => log('error', 'unhandled rejection:', e));

    client.initialize().catch((e) => {
        if (!session.stopping) {
            emit({ event: 'fatal', error: `cannot start WhatsApp Web: ${e && e.message ? e.message : e}` });
            stop(session, 1, false);
        }
    });
}

async function stop(session, code, wipe) {
    if (session.stopping) {
        return;
    }
    session.stopping = true;
    session.ready = false;
    await withTimeout(session.client.destroy(), SHUTDOWN_GRACE_MS).catch((e) => log('warn', 'destroy:', e.message));
    const auth = session.client.authStrategy;
    if (wipe && auth && typeof auth.logout === 'function') {
        await withTimeout(auth.logout(), SHUTDOWN_GRACE_MS).catch((e) => log('warn', 'wipe session:', e.message));
    }
    exit(code);
}

function receive(session, line) {
    if (!line.trim()) {
        return;
    }
    let command;
    try {
        command = JSON.parse(line);
    } catch (e) {
        log('warn', 'ignoring a malformed command line:', e.message);
        return;
    }
    const id = command.id === undefined || command.id === null ? null : String(command.id);
    Promise.resolve()
        .then(() => execute(session, command))
        .then(
            (result) => id !== null && emit({ event: 'reply', id, ok: true, result: result || {} }),
            (e) => {
                const code = e instanceof CommandError ? e.zupaCode : 'failed';
                const error = e && e.message ? e.message : String(e);
                if (code === 'failed') {
                    log('warn', `${command.cmd} failed:`, e);
                }
                if (id !== null) {
                    emit({ event: 'reply', id, ok: false, code, error });
                }
            });
}

function text(value, field) {
    if (typeof value !== 'string' || value.length === 0) {
        throw new CommandError('bad_request', `${field} must be a non-empty string`);
    }
    return value;
}

function requireReady(session) {
    if (!session.ready) {
        throw new CommandError('not_ready', 'WhatsApp Web is not ready');
    }
}

function sent(message) {
    return { messageId: message && message.id ? message.id._serialized : null };
}

async function execute(session, command) {
    const { client, MessageMedia } = session;
    switch (command.cmd) {
        case 'send_text':
            requireReady(session);
            return sent(await client.sendMessage(text(command.to, 'to'), text(command.text, 'text')));
        case 'send_voice': {
            requireReady(session);
            const media = new MessageMedia(text(command.mimetype, 'mimetype'), text(command.data, 'data'),
                command.filename || 'voice.ogg');
            const options = { sendAudioAsVoice: command.voice !== false };
            return sent(await client.sendMessage(text(command.to, 'to'), media, options));
        }
        case 'download_media':
            requireReady(session);
            return download(session, text(command.messageId, 'messageId'));
        case 'typing': {
            requireReady(session);
            const chat = await client.getChatById(text(command.to, 'to'));
            if (chat) {
                await chat.sendStateTyping();
            }
            return {};
        }
        case 'shutdown':
            // The reply goes out first; stop() exits only after stdout has been flushed.
            setImmediate(() => stop(session, 0, false));
            return {};
        default:
            throw new CommandError('bad_request', `unknown command ${command.cmd}`);
    }
}

async function download(session, messageId) {
    const msg = session.remembered.get(messageId) || (await session.client.getMessageById(messageId));
    if (!msg) {
        throw new CommandError('media_unavailable', `message ${messageId} is not known to WhatsApp Web`);
    }
    if (!msg.hasMedia) {
        throw new CommandError('bad_request', `message ${messageId} has no media`);
    }
    const media = await msg.downloadMedia();
    if (!media) {
        // downloadMedia() gives undefined when the media expired or is being re-uploaded: the sender must resend.
        throw new CommandError('media_unavailable', `the media of ${messageId} has expired or cannot be downloaded`);
    }
    return { mimetype: media.mimetype, data: media.data, filename: media.filename || null,
        filesize: media.filesize || null };
}

function remember(session, msg) {
    session.remembered.set(msg.id._serialized, msg);
    if (session.remembered.size > REMEMBERED_MESSAGES) {
        session.remembered.delete(session.remembered.keys().next().value);
    }
}

async function forward(session, msg) {
    if (msg.fromMe) {
        return;
    }
    const sender = msg.author || msg.from;
    const message = {
        id: msg.id._serialized,
        from: msg.from,
        to: msg.to || null,
        author: msg.author || null,
        phone: null,
        type: msg.type,
        body: msg.body || '',
        timestamp: msg.timestamp || 0,
        hasMedia: Boolean(msg.hasMedia),
        fromMe: false,
        notifyName: (msg._data && msg._data.notifyName) || null,
        media: null,
        mediaError: null,
    };
    if (typeof sender === 'string' && sender.endsWith('@lid')) {
        message.phone = await phoneOf(session, sender, msg);
    }
    if (message.hasMedia) {
        remember(session, msg);
    }
    if (message.hasMedia && AUDIO_TYPES.has(message.type)) {
        try {
            const media = await msg.downloadMedia();
            if (media) {
                message.media = { mimetype: media.mimetype, data: media.data, filename: media.filename || null,
                    filesize: media.filesize || null };
            } else {
                message.mediaError = 'media_unavailable';
            }
        } catch (e) {
            message.mediaError = e && e.message ? e.message : String(e);
        }
    }
    emit({ event: 'message', message });
}

// WhatsApp Web reports ack changes of the messages in its chats, received ones included; only the messages this
// account sent are replies whose delivery the JVM tracks. The JVM maps the values (-1 error, 0 pending, 1 server,
// 2 device, 3 read, 4 played), so a value a newer library adds needs no sidecar change.
function acknowledge(msg, ack) {
    if (!msg || !msg.id || !msg.id.fromMe) {
        return;
    }
    emit({ event: 'message_ack', id: msg.id._serialized, to: msg.to || null, ack });
}

// Privacy ids (<n>@lid) are not phone numbers. WhatsApp Web knows the number behind some of them; when it does not,
// the JVM keeps the lid as the sender's address.
async function phoneOf(session, lid, msg) {
    const { client } = session;
    try {
        if (typeof client.getContactLidAndPhone === 'function') {
            const [entry] = await client.getContactLidAndPhone([lid]);
            if (entry && typeof entry.pn === 'string' && entry.pn.endsWith('@c.us')) {
                return entry.pn;
            }
        }
    } catch (e) {
        log('warn', `cannot look up the phone number of ${lid}:`, e.message);
    }
    try {
        const contact = await msg.getContact();
        // For a lid contact `number` may be the lid's own digits: only a different value is a phone number.
        const number = contact && contact.number ? String(contact.number) : '';
        if (/^\d+$/.test(number) && `${number}@lid` !== lid) {
            return `${number}@c.us`;
        }
    } catch (e) {
        log('warn', `cannot read the contact of ${lid}:`, e.message);
    }
    return null;
}

if (process.argv.includes('--check')) {
    check();
} else {
    run();
}
