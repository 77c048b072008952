/** @jsxImportSource hono/jsx */
/**
 * @module console/routes
 * Staff console pages under /console/ and the staff JSON API.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../deps.js'

export const consoleRoutes = new Hono<AppEnv>()
