import { createTransport } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

/** One message as it leaves Steward. */
export interface OutgoingEmail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where delivered mail goes: an SMTP server, or the log (the development outbox). */
export interface MailTransport {
  readonly via: 'smtp' | 'log';
  /** Resolves once the message is accepted; throws to have it retried later. */
  send(message: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * Sends through the SMTP server of `SMTP_URL` (nodemailer). Timeouts are shorter than
 * nodemailer's defaults so a hung server cannot outlast the worker's claim on a message.
 */
export function createSmtpTransport(url: string, from: string): MailTransport {
  const mailer = createTransport(
    { url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from },
  );
  const domain = /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'steward';
  return {
    via: 'smtp',
    async send(message) {
      await mailer.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // Lets a receiving system tell retries of one message apart from new ones.
        messageId: `<${message.id}@${domain}>`,
      });
    },
    close: () => mailer.close(),
  };
}

/**
 * The development outbox: nothing leaves the machine. Each message is written to the log as a
 * readable block, so a developer can follow a link in it, and stays in the outbox table, where
 * system admins read it in the app.
 */
export function createLogTransport(log: FastifyBaseLogger): MailTransport {
  return {
    via: 'log',
    send(message) {
      log.info(
        { emailId: message.id, kind: message.kind, to: message.to },
        `Email (development outbox, not sent) to ${message.to}: "${message.subject}"\n\n${message.text}`,
      );
      return Promise.resolve();
    },
    close() {},
  };
}

/** SMTP when `SMTP_URL` is set, otherwise the development outbox. */
export function transportFromConfig(
  config: { smtpUrl: string | undefined; mailFrom: string },
  log: FastifyBaseLogger,
): MailTransport {
  return config.smtpUrl
    ? createSmtpTransport(config.smtpUrl, config.mailFrom)
    : createLogTransport(log);
}
