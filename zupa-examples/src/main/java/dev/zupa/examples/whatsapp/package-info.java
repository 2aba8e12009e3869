/**
 * The burger shop on WhatsApp: {@link dev.zupa.examples.whatsapp.WhatsAppCloudDemo} answers a business number
 * through Meta's Cloud API (signed webhooks in, Graph API calls out), and
 * {@link dev.zupa.examples.whatsapp.WhatsAppWebDemo} answers an ordinary account through whatsapp-web.js, logged in
 * with a QR code printed in the terminal. Both reuse {@link dev.zupa.examples.burgers.BurgerShop}'s agent, answer
 * voice notes with voice notes, and keep their conversations in a SQLite file under {@code zupa-data/}.
 */
@NullMarked
package dev.zupa.examples.whatsapp;

import org.jspecify.annotations.NullMarked;
