import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Input, Output } from '@api/contract'
import { api } from '../api/client'

export type SerialPort = Output<'board.ports'>[number]

/**
 * The controller board link, once for the whole app (the status bar's instrument menu and the I–V
 * panel's Instrument box): the serial ports to offer, connect to a port, back to simulated. Errors
 * are thrown to the caller, which shows them where the researcher acted.
 */
export const useBoard = defineStore('board', () => {
  const ports = ref<SerialPort[]>([])
  /** The path being connected, 'simulated' while disconnecting, or null. */
  const working = ref<string | null>(null)

  async function loadPorts(): Promise<SerialPort[]> {
    try {
      ports.value = await api.call('board.ports', {})
    } catch (e) {
      ports.value = []
      throw e
    }
    return ports.value
  }

  async function connect(path: string): Promise<Output<'board.connect'>> {
    working.value = path
    try {
      return await api.call('board.connect', { path })
    } finally {
      working.value = null
    }
  }

  async function disconnect(): Promise<void> {
    working.value = 'simulated'
    try {
      await api.call('board.disconnect', {})
    } finally {
      working.value = null
    }
  }

  /** A SCPI source-measure unit instead of the board (model, address, baud rate on RS-232). */
  async function connectSmu(input: Input<'board.connectSmu'>): Promise<Output<'board.connectSmu'>> {
    working.value = input.address
    try {
      return await api.call('board.connectSmu', input)
    } finally {
      working.value = null
    }
  }

  return { ports, working, loadPorts, connect, disconnect, connectSmu }
})
