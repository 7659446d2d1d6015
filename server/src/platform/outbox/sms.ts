import type { Ctx } from '../context.ts';
import type { DeliveryAdapter } from './index.ts';

/**
 * SMS through an HTTP gateway (the city's SMS platform or a carrier's API behind a small relay):
 * `POST SMS_GATEWAY_URL` with JSON `{ to, text, template, params }` and, when set,
 * `Authorization: Bearer SMS_GATEWAY_TOKEN`. Any 2xx is delivered; anything else throws, so the
 * outbox retries with backoff (at least once: the gateway should de-duplicate on `id`).
 */
export function httpSmsAdapter(url: string, token?: string, timeoutMs = 10_000): DeliveryAdapter {
  return {
    async send(m) {
      if (m.channel !== 'sms' || !m.address) return;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({
          id: m.id,
          to: m.address,
          text: typeof m.params.text === 'string' ? m.params.text : m.template,
          template: m.template,
          params: m.params,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

/** Each channel to its adapter: email by SMTP, SMS by the gateway, each to the log when not configured. */
export function channelAdapter(byChannel: Partial<Record<'email' | 'sms', DeliveryAdapter>>, fallback: DeliveryAdapter): DeliveryAdapter {
  return {
    async send(m) {
      await (byChannel[m.channel as 'email' | 'sms'] ?? fallback).send(m);
    },
  };
}

export function smsAdapterFor(ctx: Ctx): DeliveryAdapter | undefined {
  return ctx.config.SMS_GATEWAY_URL ? httpSmsAdapter(ctx.config.SMS_GATEWAY_URL, ctx.config.SMS_GATEWAY_TOKEN) : undefined;
}
