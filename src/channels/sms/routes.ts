/**
 * @module channels/sms/routes
 * POST /twilio/sms: the SMS conversation.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../deps.js'

export const smsRoutes = new Hono<AppEnv>()
