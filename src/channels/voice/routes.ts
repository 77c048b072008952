/**
 * @module channels/voice/routes
 * POST /twilio/voice and its sub-paths: the IVR.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../deps.js'

export const voiceRoutes = new Hono<AppEnv>()
