// placeholder until the browser half lands
