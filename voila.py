"""Voila's settings for `voila dashboards/studio.ipynb` run from this folder (Voila reads `voila.py` from the current
directory): no kernel outlives a page that failed, and kernels no page holds any more are stopped."""
import asyncio

from voila.app import Voila

c = get_config()  # noqa: F821 (traitlets provides it to a config file)


def shut_down_failed_page(cell, cell_index, execute_reply):
    "Stop the kernel of a page whose notebook raised while Voila ran it: its page shows the error and nothing else."
    if not Voila.initialized(): return
    km = Voila.instance().kernel_manager
    # The page's kernel client shares its kernel manager's session, so the reply's parent session names the kernel.
    session = execute_reply.get("parent_header", {}).get("session")
    for kernel_id in km.list_kernel_ids():
        if km.get_kernel(kernel_id).session.session == session:
            # After this hook Voila finishes the page (the cell's error is stripped) and closes its client.
            asyncio.get_running_loop().call_later(1, lambda k=kernel_id: asyncio.ensure_future(km.shutdown_kernel(k)))


c.VoilaExecutor.on_cell_error = shut_down_failed_page
# A page fetched and left (no browser connected, or one gone without saying so) keeps its kernel for ten minutes
# of quiet; a page open in a browser keeps it while it is connected.
c.MappingKernelManager.cull_idle_timeout = 600
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False
