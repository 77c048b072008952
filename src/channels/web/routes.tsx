/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/routes
 * The reporter's web pages under /{lang}/ (report form, receipt, follow-up).
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../deps.js'

export const webRoutes = new Hono<AppEnv>()
