// The NUCLEO-MEM firmware's memory picture (firmware-spec §11, fb36), as data. Figures marked 'derived' in the
// placements are computed, not read; everything else is in the spec's tables.
import type {
  BytePoolSpec,
  LinkerRegion,
  MemoryBank,
  MemoryLayout,
  MpuRegion,
  PacketPoolSpec,
  Placement,
  ThreadSpec,
} from './types';

const K = 1024;
const M = 1024 * 1024;

/** sizeof(NX_PACKET) with IPv6 compiled in (§11.4); the pool counts assume it. */
export const NX_PACKET_HEADER = 60;

/** The silicon: STM32H723ZG banks and the NUCLEO-MEM's 8 MB PSRAM, split by the MPU into cached/uncached halves. */
export const banks: readonly MemoryBank[] = [
  { id: 'itcm', label: 'ITCM', origin: 0x00000000, length: 64 * K, note: 'Tightly coupled instruction RAM; CPU only', ethDmaReachable: false, octospi: false },
  { id: 'flash', label: 'FLASH', origin: 0x08000000, length: 1 * M, note: 'Internal flash: code, constants, .data image, settings sector', ethDmaReachable: true, octospi: false },
  { id: 'dtcm', label: 'DTCM', origin: 0x20000000, length: 128 * K, note: 'Tightly coupled data RAM; CPU and MDMA only, the Ethernet DMA cannot reach it', ethDmaReachable: false, octospi: false },
  { id: 'axi', label: 'AXI SRAM', origin: 0x24000000, length: 320 * K, note: 'D1 AXI SRAM; the Ethernet DMA reaches it directly', ethDmaReachable: true, octospi: false },
  { id: 'sram1', label: 'SRAM1', origin: 0x30000000, length: 16 * K, note: 'D2 AHB SRAM', ethDmaReachable: true, octospi: false },
  { id: 'sram2', label: 'SRAM2', origin: 0x30004000, length: 16 * K, note: 'D2 AHB SRAM (the STM32H723 has no SRAM3)', ethDmaReachable: true, octospi: false },
  { id: 'sram4', label: 'SRAM4', origin: 0x38000000, length: 16 * K, note: 'D3 SRAM', ethDmaReachable: true, octospi: false },
  { id: 'backup', label: 'Backup SRAM', origin: 0x38800000, length: 4 * K, note: 'Battery-backed SRAM', ethDmaReachable: false, octospi: false },
  { id: 'psram-cached', label: 'PSRAM cached', origin: 0x90000000, length: 4 * M, note: 'APS6408L behind OCTOSPI1, MPU region 5: write-back cached', ethDmaReachable: true, octospi: true },
  { id: 'psram-uncached', label: 'PSRAM uncached', origin: 0x90400000, length: 4 * M, note: 'APS6408L behind OCTOSPI1, MPU region 6: non-cacheable', ethDmaReachable: true, octospi: true },
];

/** The linker script's MEMORY block (`STM32H723ZGTX_FLASH.ld:43-73`). */
export const regions: readonly LinkerRegion[] = [
  { name: 'ITCMRAM', origin: 0x00000000, length: 64 * K, attributes: 'xrw' },
  { name: 'FLASH', origin: 0x08000000, length: 896 * K, attributes: 'rx' },
  { name: 'FW_DATA', origin: 0x080e0000, length: 128 * K, attributes: 'rw' },
  { name: 'DTCMRAM', origin: 0x20000000, length: 128 * K, attributes: 'xrw' },
  { name: 'Mem_ETH_Rx_DMA_Descr', origin: 0x24000000, length: 512, attributes: 'xrw' },
  { name: 'Mem_ETH_Tx_DMA_Descr', origin: 0x24000200, length: 512, attributes: 'xrw' },
  { name: 'Mem_ETH_Rx_Buff', origin: 0x24000400, length: 1536, attributes: 'xrw' },
  { name: 'RAM', origin: 0x24000a00, length: 325120, attributes: 'xrw' },
  { name: 'RAM_SRAM1', origin: 0x30000000, length: 16 * K, attributes: 'xrw' },
  { name: 'RAM_SRAM2', origin: 0x30004000, length: 16 * K, attributes: 'xrw' },
  { name: 'RAM_SRAM4', origin: 0x38000000, length: 16 * K, attributes: 'xrw' },
  { name: 'BACKUP_RAM', origin: 0x38800000, length: 4 * K, attributes: 'xrw' },
  { name: 'Mem_TxPool', origin: 0x90000000, length: 500 * K, attributes: 'xrw' },
  { name: 'Mem_FxPool', origin: 0x9007d000, length: 500 * K, attributes: 'xrw' },
  { name: 'Mem_NxPool', origin: 0x900fa000, length: 500 * K, attributes: 'xrw' },
  { name: 'Mem_FTP_Server', origin: 0x90177000, length: 100 * K, attributes: 'xrw' },
  { name: 'Mem_Buff1', origin: 0x90190000, length: 2496 * K, attributes: 'xrw' },
  { name: 'Mem_LabelDescr', origin: 0x90400000, length: 100 * K, attributes: 'xrw' },
  { name: 'Mem_Label1Data', origin: 0x90419000, length: 48 * K, attributes: 'xrw' },
  { name: 'Mem_Label2Data', origin: 0x90425000, length: 48 * K, attributes: 'xrw' },
  { name: 'Mem_Buff2', origin: 0x90431000, length: 3900 * K, attributes: 'xrw' },
];

/** §11.4, in the order `app_netxduo.c:61-67` declares their buffers (main pool last). */
export const packetPools: readonly PacketPoolSpec[] = [
  { id: 'http', name: 'HTTP Server Packet Pool', short: 'HTTP packet pool', payload: 1536, bytes: 30720, region: 'RAM', section: '.dma_buffer', role: 'HTTP server transmit (pages, CSS, JS)', dmaFed: true },
  { id: 'ftp', name: 'FTP Server Packet Pool', short: 'FTP packet pool', payload: 776, bytes: 102400, region: 'Mem_FTP_Server', section: '.Nx_FTP_ServerPoolSection', role: 'FTP control and data transmit', dmaFed: true },
  { id: 'ws', name: 'WS Server Packet Pool', short: 'WebSocket packet pool', payload: 1024, bytes: 20480, region: 'RAM', section: '.dma_buffer', role: 'WebSocket transmit (led-status, telemetry)', dmaFed: true },
  { id: 'main', name: 'NetX Main Packet Pool', short: 'NetX main packet pool', payload: 1536, bytes: (1536 + NX_PACKET_HEADER) * 60, region: 'RAM', section: '.dma_buffer', role: 'IP default: every received frame, ARP, ICMP, mDNS, LLMNR', dmaFed: true },
];

/** §11.3, allocations in order. */
export const bytePools: readonly BytePoolSpec[] = [
  {
    id: 'tx', name: 'Tx App memory pool', size: 512000, region: 'Mem_TxPool', section: '.TxPoolSection',
    allocations: [
      { label: 'main thread stack', size: 2048 },
      { label: 'OLED thread stack', size: 1024 },
      { label: 'telemetry thread stack', size: 4096 },
      { label: 'OLED queue', size: 100 },
    ],
  },
  {
    id: 'fx', name: 'Fx App memory pool', size: 512000, region: 'Mem_FxPool', section: '.FxPoolSection',
    allocations: [{ label: 'FileX thread stack', size: 2048 }],
  },
  {
    id: 'nx', name: 'Nx App memory pool', size: 512000, region: 'Mem_NxPool', section: '.NxPoolSection',
    allocations: [
      { label: 'IP thread stack', size: 4096 },
      { label: 'ARP cache', size: 1024 },
      { label: 'HTTP server stack', size: 4096 },
      { label: 'FTP server stack', size: 4096 },
      { label: 'WebSocket accept stack', size: 4096 },
      { label: 'mDNS stack', size: 2048 },
      { label: 'LLMNR stack', size: 1024 },
      { label: 'NetXDuo App stack', size: 2048 },
      { label: 'link-check stack', size: 2048 },
    ],
  },
];

/** Other buffers with a known size and region (§11.1, `.dma_buffer` contents; ETH descriptors). */
export const buffers: readonly Placement[] = [
  { id: 'eth-rx-descr', label: 'ETH Rx DMA descriptors (8)', region: 'Mem_ETH_Rx_DMA_Descr', size: 8 * 24, kind: 'buffer', confidence: 'derived' },
  { id: 'eth-tx-descr', label: 'ETH Tx DMA descriptors (8)', region: 'Mem_ETH_Tx_DMA_Descr', size: 8 * 24, kind: 'buffer', confidence: 'derived' },
  { id: 'eth-txbuffer', label: 'Txbuffer[16]', region: 'Mem_ETH_Rx_Buff', size: 16 * 12, kind: 'buffer', confidence: 'derived' },
  { id: 'fx-media', label: 'fx_mmc_media_memory', region: 'RAM', size: 512, kind: 'buffer', section: '.dma_buffer', confidence: 'code' },
  { id: 'emmc-test', label: 'emmc_test_buf', region: 'RAM', size: 4096, kind: 'buffer', section: '.dma_buffer', confidence: 'code' },
  { id: 'heap-stack', label: 'heap + main stack (minimum)', region: 'DTCMRAM', size: 0x200 + 0x400, kind: 'reserve', confidence: 'code' },
  { id: 'fws', label: '.FWS_DownloadID + .FWS_Network', region: 'FW_DATA', size: 64, kind: 'section', section: '.fws_memory', confidence: 'code' },
];

/** §11.5. */
export const threads: readonly ThreadSpec[] = [
  { name: 'ThreadX timer thread', entry: 'internal', stack: 1024, priority: 0, start: 'auto', stackFrom: 'internal' },
  { name: 'HTTP server thread', entry: 'nx_web_http_server (library)', stack: 4096, priority: 4, start: 'nx_web_http_server_start', stackFrom: 'nx' },
  { name: 'NetX Ip instance', entry: 'IP helper', stack: 4096, priority: 10, start: 'auto', stackFrom: 'nx' },
  { name: 'tx app main thread', entry: 'tx_app_main_thread (heartbeat)', stack: 2048, priority: 10, start: 'resumed by OLED thread', stackFrom: 'tx' },
  { name: 'tx app OLED thread', entry: 'tx_app_OLED_thread', stack: 1024, priority: 10, start: 'auto', stackFrom: 'tx' },
  { name: 'FileX app thread', entry: 'fx_app_thread_entry', stack: 2048, priority: 10, start: 'auto', stackFrom: 'fx' },
  { name: 'NetXDuo App thread', entry: 'nx_app_thread_entry (one-shot)', stack: 2048, priority: 10, start: 'resumed in init', stackFrom: 'nx' },
  { name: 'Ethernet Link Check Thread', entry: 'link monitor', stack: 2048, priority: 11, start: 'resumed by NetXDuo App', stackFrom: 'nx' },
  { name: 'mDNS thread', entry: 'nx_mdns (library)', stack: 2048, priority: 11, start: 'on enable', stackFrom: 'nx' },
  { name: 'WebSocket Accept Thread', entry: 'accept / receive loop', stack: 4096, priority: 12, start: 'WS_Server_Start', stackFrom: 'nx' },
  { name: 'LLMNR Thread', entry: 'responder', stack: 1024, priority: 12, start: 'LLMNR_Responder_Start', stackFrom: 'nx' },
  { name: 'Telemetry Thread', entry: 'tx_telemetry_thread_entry', stack: 4096, priority: 15, start: 'auto', stackFrom: 'tx' },
  { name: 'FTP server thread', entry: 'nx_ftp_server (library)', stack: 4096, priority: 16, start: 'nx_ftp_server_start', stackFrom: 'nx' },
];

const full = 'full access';
/** §11.6 (`main.c:278-435`). */
export const mpu: readonly MpuRegion[] = [
  { number: 0, base: 0x00000000, size: 0x100000000, srd: 0x87, tex: 0, cacheable: false, bufferable: false, shareable: true, access: 'no access', executeNever: true, policy: 'no-access', purpose: 'background deny (sub-regions 0, 1, 2, 7 fall through)' },
  { number: 1, base: 0x08000000, size: 1 * M, srd: 0, tex: 0, cacheable: true, bufferable: false, shareable: false, access: 'privileged read-only', executeNever: false, policy: 'write-through', purpose: 'flash' },
  { number: 2, base: 0x24000000, size: 512 * K, srd: 0, tex: 1, cacheable: false, bufferable: false, shareable: false, access: full, executeNever: true, policy: 'non-cacheable', purpose: 'AXI SRAM non-cacheable (packet pools)' },
  { number: 3, base: 0x24000000, size: 1 * K, srd: 0, tex: 0, cacheable: false, bufferable: false, shareable: false, access: full, executeNever: true, policy: 'strongly-ordered', purpose: 'ETH DMA descriptors' },
  { number: 4, base: 0x30000000, size: 32 * K, srd: 0, tex: 1, cacheable: false, bufferable: false, shareable: true, access: full, executeNever: true, policy: 'non-cacheable', purpose: 'SRAM1 + SRAM2' },
  { number: 5, base: 0x90000000, size: 4 * M, srd: 0, tex: 1, cacheable: true, bufferable: true, shareable: false, access: full, executeNever: true, policy: 'write-back', purpose: 'PSRAM cached (byte pools, FTP pool)' },
  { number: 6, base: 0x90400000, size: 4 * M, srd: 0, tex: 1, cacheable: false, bufferable: false, shareable: false, access: full, executeNever: true, policy: 'non-cacheable', purpose: 'PSRAM uncached' },
  { number: 7, base: 0x080e0000, size: 128 * K, srd: 0, tex: 0, cacheable: true, bufferable: false, shareable: false, access: full, executeNever: true, policy: 'write-through', purpose: 'settings sector writable (overlays 1)' },
];

/** The whole static picture of the NUCLEO-MEM firmware. */
export const nucleoMemLayout: MemoryLayout = {
  title: 'NUCLEO-MEM firmware (fb36), STM32H723ZG',
  banks,
  regions,
  packetPools,
  bytePools,
  buffers,
  threads,
  mpu,
  packetHeader: NX_PACKET_HEADER,
};
