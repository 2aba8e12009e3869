// The testkit's whatsapp-web.js stand-in (fake-wwebjs.js, written next to this file), with one addition: after each
// sendMessage that succeeds, the client emits 'message_ack' for the message it returned, once for each value in
// FAKE_WWEBJS_ACKS (a JSON array such as [1, 2, 3]), as WhatsApp Web does while the message travels. The acked
// message is a new object, as in whatsapp-web.js, carrying the same id._serialized.
'use strict';

const fake = require('./fake-wwebjs.js');

const acks = JSON.parse(process.env.FAKE_WWEBJS_ACKS || '[]');

class Client extends fake.Client {
    async sendMessage(chatId, content, options) {
        const sent = await super.sendMessage(chatId, content, options);
        // After the reply to the send: the acks come from WhatsApp's server, later than the send's own result.
        setImmediate(async () => {
            for (const ack of acks) {
                this.emit('message_ack', { id: { _serialized: sent.id._serialized, fromMe: true }, to: chatId }, ack);
                await new Promise((resolve) => setImmediate(resolve));
            }
        });
        return sent;
    }
}

module.exports = { ...fake, Client };
