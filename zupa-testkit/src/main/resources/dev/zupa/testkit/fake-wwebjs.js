// A scripted stand-in for whatsapp-web.js: the real sidecar loads it through ZUPA_WWEBJS_MODULE, so tests run the
// sidecar without WhatsApp, puppeteer or Chromium.
//
// FAKE_WWEBJS_SCRIPT names a JSON file:
//   runs    one plan per start of the sidecar (the last plan repeats):
//           steps   played after initialize(), in order:
//                   {"emit":"qr","args":["..."]}   a client event
//                   {"message":{...}}              a 'message' event (id, from, author, type, body, timestamp,
//                                                  hasMedia, fromMe, notifyName, media:{mimetype,data})
//                   {"raw":"..."}                  a line written straight to stdout
//                   {"exit":1}                     the process dies
//           onSend  "ok" (default), "crash" (the process dies inside sendMessage), "fail" (sendMessage throws) or
//                   "hang" (sendMessage never settles)
//           destroy "ok" (default) or "hang" (destroy() never settles)
//           acks    [1, 2, 3]: after each sendMessage that succeeds, a 'message_ack' event per value for the message
//                   it returned, as WhatsApp Web reports a message's travel (default none)
//   lids    {"<n>@lid": "<digits>@c.us"} for getContactLidAndPhone
//   stored  {"<message id>": {"media": {mimetype, data} | null}} for getMessageById
// FAKE_WWEBJS_STATE names a directory: `runs` counts the starts, `calls.jsonl` records every call as
// {"run":1,"method":"sendMessage","args":[...]}.
'use strict';

const fs = require('fs');
const path = require('path');
const { EventEmitter } = require('events');

const script = JSON.parse(fs.readFileSync(process.env.FAKE_WWEBJS_SCRIPT, 'utf8'));
const state = process.env.FAKE_WWEBJS_STATE;
const runsFile = path.join(state, 'runs');
const run = (fs.existsSync(runsFile) ? Number(fs.readFileSync(runsFile, 'utf8')) : 0) + 1;
fs.writeFileSync(runsFile, String(run));
const plan = script.runs[Math.min(run, script.runs.length) - 1];

function record(method, args) {
    fs.appendFileSync(path.join(state, 'calls.jsonl'), JSON.stringify({ run, method, args }) + '\n');
}

process.on('exit', (code) => record('exit', [code]));

class LocalAuth {
    constructor(options) {
        this.options = options;
    }

    async logout() {
        record('logout', [this.options]);
    }
}

class MessageMedia {
    constructor(mimetype, data, filename) {
        this.mimetype = mimetype;
        this.data = data;
        this.filename = filename;
    }
}

class FakeMessage {
    constructor(data) {
        this.id = { _serialized: data.id, fromMe: Boolean(data.fromMe) };
        this.from = data.from;
        this.to = data.to || 'me@c.us';
        this.author = data.author;
        this.type = data.type || 'chat';
        this.body = data.body || '';
        this.timestamp = data.timestamp || 0;
        this.hasMedia = Boolean(data.hasMedia);
        this.fromMe = Boolean(data.fromMe);
        this._data = { notifyName: data.notifyName };
        this.media = data.media;
    }

    async downloadMedia() {
        record('downloadMedia', [this.id._serialized]);
        return this.media ? new MessageMedia(this.media.mimetype, this.media.data, null) : undefined;
    }

    async getContact() {
        // Like WhatsApp Web for an unknown lid: the "number" is the lid's own digits.
        return { number: (this.author || this.from).split('@')[0] };
    }
}

class Client extends EventEmitter {
    constructor(options) {
        super();
        this.options = options;
        this.authStrategy = options.authStrategy;
        this.sent = 0;
        record('Client', [{ puppeteer: options.puppeteer, auth: options.authStrategy.options }]);
    }

    async initialize() {
        record('initialize', []);
        setImmediate(() => this.play(plan.steps || []));
    }

    async play(steps) {
        for (const step of steps) {
            if (step.emit) {
                this.emit(step.emit, ...(step.args || []));
            } else if (step.message) {
                this.emit('message', new FakeMessage(step.message));
            } else if (step.raw !== undefined) {
                process.stdout.write(step.raw + '\n');
            } else if (step.exit !== undefined) {
                process.exit(step.exit);
            }
            await new Promise((resolve) => setImmediate(resolve));
        }
    }

    async sendMessage(chatId, content, options) {
        record('sendMessage', [chatId, content, options || {}]);
        if (plan.onSend === 'crash') {
            process.exit(1);
        }
        if (plan.onSend === 'hang') {
            return new Promise(() => {});
        }
        if (plan.onSend === 'fail') {
            throw new Error('Evaluation failed: the page is reloading');
        }
        this.sent += 1;
        const id = `true_${chatId}_FAKE${run}x${this.sent}`;
        // after the send has settled: the acks come from WhatsApp's server, later than the send's own result
        setImmediate(async () => {
            for (const ack of plan.acks || []) {
                this.emit('message_ack', { id: { _serialized: id, fromMe: true }, to: chatId }, ack);
                await new Promise((resolve) => setImmediate(resolve));
            }
        });
        return { id: { _serialized: id } };
    }

    async getChatById(chatId) {
        record('getChatById', [chatId]);
        return { sendStateTyping: async () => record('sendStateTyping', [chatId]) };
    }

    async getMessageById(messageId) {
        record('getMessageById', [messageId]);
        const stored = (script.stored || {})[messageId];
        return stored ? new FakeMessage({ id: messageId, from: 'x@c.us', hasMedia: true, media: stored.media }) : undefined;
    }

    async getContactLidAndPhone(userIds) {
        record('getContactLidAndPhone', [userIds]);
        return userIds.map((lid) => ({ lid, pn: (script.lids || {})[lid] }));
    }

    async destroy() {
        record('destroy', []);
        if (plan.destroy === 'hang') {
            return new Promise(() => {});
        }
    }
}

module.exports = { Client, LocalAuth, MessageMedia, version: 'fake-1.0' };
