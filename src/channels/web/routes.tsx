/**
 * @module channels/web/routes
 * The reporter's web pages under /{lang}/: the report form and its receipt, and the follow-up
 * pages. Server-rendered, no script, no cookie; every form carries a signed token.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../deps.js'
import { followUpRoutes } from './follow-up-routes.js'
import { reportRoutes } from './report-routes.js'

/** Mounted at `/` by createApp. */
export const webRoutes = new Hono<AppEnv>()

webRoutes.route('/', reportRoutes)
webRoutes.route('/', followUpRoutes)
