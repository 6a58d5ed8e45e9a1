/* the console's renderer: see console.html */
