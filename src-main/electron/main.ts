import path from 'node:path'
import { app, BrowserWindow, ipcMain, session, shell, dialog } from 'electron'
import { Services } from '../services'
import { EVENT_CHANNEL, registerApiIpc } from './ipc'
import { denyNavigation, denyWindowOpen } from './navigation-rules'
import { denyAllPermissions } from './permission-rules'
import { mainWindowOptions } from './window-options'
import { rendererSource, rendererUrl } from './renderer-source'

let services: Services | null = null

// Development: electron-vite's ELECTRON_RENDERER_URL; a packaged app loads only its own file.
const renderer = () => rendererSource(process.env, app.isPackaged, __dirname)

async function createWindow(): Promise<void> {
  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, '../preload/index.js')))
  denyNavigation(win.webContents)
  denyWindowOpen(win.webContents, (url) => shell.openExternal(url))
  win.once('ready-to-show', () => win.show())
  services?.events.onAny((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload)
  })
  const source = renderer()
  if (source.kind === 'url') await win.loadURL(source.url)
  else await win.loadFile(source.file)
}

app.enableSandbox()
app.on('web-contents-created', (_e, contents) => {
  denyNavigation(contents)
  denyWindowOpen(contents, (url) => shell.openExternal(url))
})

void app.whenReady().then(async () => {
  denyAllPermissions(session.defaultSession)
  try {
    services = new Services({ dbFile: path.join(app.getPath('userData'), 'lab.sqlite') })
  } catch (e) {
    dialog.showErrorBox('RRAM Workbench cannot open its lab notebook', (e as Error).message)
    app.exit(1)
    return
  }
  registerApiIpc(ipcMain, services, rendererUrl(renderer()))
  await createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
// Quit after the services closed: running runs end as stored, the notebook closes cleanly.
let closing = false
app.on('will-quit', (event) => {
  if (!services || closing) return
  closing = true
  event.preventDefault()
  void services.close().finally(() => app.quit())
})
