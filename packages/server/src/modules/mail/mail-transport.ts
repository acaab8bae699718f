import nodemailer from 'nodemailer'

/** SMTP settings, the shape of `Config.smtp`. */
export interface MailSmtpConfig {
  readonly host: string
  readonly port: number
  readonly secure: boolean
  readonly user: string | undefined
  readonly password: string | undefined
}

/** Where mail goes: SMTP when configured, else the dev outbox (the `mail_message` table). */
export interface MailTransport {
  readonly smtp: MailSmtpConfig | undefined
  /** The From header, e.g. `Keel <keel@example.com>`. */
  readonly from: string
}

export interface OutgoingMail {
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html: string | null
}

export type SendMail = (mail: OutgoingMail) => Promise<void>

/** A sender over SMTP; one connection per message, so nothing is left open to close. */
export function smtpSender(smtp: MailSmtpConfig, from: string): SendMail {
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
    // A server that stops answering fails the attempt (and pg-boss retries it)
    // well before the job's own expiry.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  })
  return async (mail) => {
    await transporter.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === null ? {} : { html: mail.html }),
    })
  }
}
